import DockerHostAudit
import Testing

/// dockerd's argv parsed as pflag parses it.
@Suite struct CommandLineTests {
    struct Row: Sendable, CustomStringConvertible {
        var argv: [String]
        var flag: String
        var value: String?
        var description: String { argv.joined(separator: " ") }
    }

    static let rows: [Row] = [
        Row(argv: ["dockerd", "--log-level=warn"], flag: "log-level", value: "warn"),
        Row(argv: ["dockerd", "--log-level", "warn"], flag: "log-level", value: "warn"),
        Row(argv: ["dockerd", "-l", "debug"], flag: "log-level", value: "debug"),
        Row(argv: ["dockerd", "-l=error"], flag: "log-level", value: "error"),
        Row(argv: ["dockerd", "-lfatal"], flag: "log-level", value: "fatal"),
        Row(argv: ["dockerd", "-Dl", "warn"], flag: "log-level", value: "warn"),
        Row(argv: ["dockerd", "-Dl", "warn"], flag: "debug", value: nil),
        Row(argv: ["dockerd", "-s", "aufs"], flag: "storage-driver", value: "aufs"),
        Row(argv: ["dockerd", "--icc=false"], flag: "icc", value: "false"),
        Row(argv: ["dockerd", "--icc"], flag: "icc", value: nil),
        // A value flag takes the next argument even when it looks like a flag (pflag does).
        Row(argv: ["dockerd", "--cgroup-parent", "--icc=false"], flag: "cgroup-parent", value: "--icc=false"),
        // The last occurrence wins.
        Row(argv: ["dockerd", "--log-level=warn", "-l", "info"], flag: "log-level", value: "info"),
        Row(argv: ["/usr/bin/docker", "daemon", "--icc=false"], flag: "icc", value: "false"),
        Row(argv: ["dockerd", "--unknown-flag", "value", "--icc=false"], flag: "icc", value: "false"),
    ]

    @Test(arguments: rows) func lastOccurrence(_ row: Row) throws {
        let line = DockerdCommandLine(arguments: row.argv)
        let occurrence = try #require(line.last(row.flag))
        #expect(occurrence.value == row.value)
        #expect(line.problems.isEmpty)
    }

    @Test func repeatedListFlagsKeepEveryValue() {
        let line = DockerdCommandLine(arguments: [
            "dockerd", "--insecure-registry", "a:5000", "--insecure-registry=b:5000", "-H", "fd://",
            "--host=tcp://0.0.0.0:2375",
        ])
        #expect(line.all("insecure-registry").compactMap(\.value) == ["a:5000", "b:5000"])
        #expect(line.all("host").compactMap(\.value) == ["fd://", "tcp://0.0.0.0:2375"])
    }

    @Test func booleanFlagDoesNotTakeTheNextArgument() {
        // `--icc false` sets icc to true and leaves a positional `false`, which dockerd refuses.
        let line = DockerdCommandLine(arguments: ["dockerd", "--icc", "false"])
        #expect(line.last("icc")?.value == nil)
        #expect(line.problems.count == 1)
        #expect(line.problems.first?.contains("`false`") == true)
    }

    @Test func malformedCommandLinesAreProblemsNotCrashes() {
        #expect(DockerdCommandLine(arguments: ["dockerd", "--log-level"]).problems.count == 1)
        #expect(DockerdCommandLine(arguments: ["dockerd", "-Q"]).problems.count == 1)
        #expect(DockerdCommandLine(arguments: ["dockerd", "--", "x"]).problems.count == 1)
        #expect(DockerdCommandLine(arguments: []).occurrences.isEmpty)
    }

    @Test func configurationFileComesFromTheFlag() {
        #expect(DockerdCommandLine(arguments: ["dockerd"]).configurationFile == "/etc/docker/daemon.json")
        #expect(
            DockerdCommandLine(arguments: ["dockerd", "--config-file", "/srv/d.json"]).configurationFile
                == "/srv/d.json"
        )
    }
}
