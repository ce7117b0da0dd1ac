import Foundation
import SecurityModel
import Testing
import ToolCommands

/// A scratch directory removed at deinit.
final class ScratchDirectory {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "bulkhead-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        try text.write(toFile: full, atomically: true, encoding: .utf8)
        return full
    }

    func writeBytes(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let full = path + "/" + relative
        FileManager.default.createFile(atPath: full, contents: Data(bytes))
        return full
    }
}

func runLint(_ args: [String], in dir: ScratchDirectory, stdin: String = "") -> (Int32, CapturedOutput) {
    let (io, out) = CommandIO.capturing(stdin: Array(stdin.utf8), currentDirectory: dir.path)
    return (Bulkhead.run(arguments: ["lint"] + args, io: io), out)
}

struct LintCommandTests {
    static let insecure = """
        FROM ubuntu
        MAINTAINER someone@example.com
        RUN apt-get update && apt-get install curl
        ENV API_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789
        CMD node server.js

        """

    @Test func findsHadolintAndSecurityRulesAndFailsOnHigh() throws {
        let dir = try ScratchDirectory()
        try dir.write("Dockerfile", Self.insecure)
        let (code, out) = runLint(["--format", "json", "Dockerfile"], in: dir)
        #expect(code == 1)
        let json = try JSONParser.parse(out.stdout)
        #expect(json["schemaVersion"]?.stringValue == Report.schemaVersion)
        let ids = Set((json["findings"]?.arrayValue ?? []).compactMap { $0["ruleId"]?.stringValue })
        #expect(ids.isSuperset(of: ["DF3006", "DF3008", "DF3014", "DF3015", "DF4000", "DF3025"]))
        #expect(ids.contains { $0.hasPrefix("DF5") })
        #expect(!out.stdout.contains("ghp_abcdefghijklmnopqrstuvwxyz0123456789"), "secret must be redacted")
    }

    @Test func failOnNoneExitsZeroAndDisabledRulesVanish() throws {
        let dir = try ScratchDirectory()
        try dir.write("Dockerfile", Self.insecure)
        let (code, out) = runLint(["--fail-on", "none", "--ignore", "DL3008", "--format", "json", "."], in: dir)
        #expect(code == 0)
        #expect(!out.stdout.contains("\"DF3008\""))
    }

    @Test func readsStandardInput() throws {
        let dir = try ScratchDirectory()
        let (code, out) = runLint(["--format", "json", "-"], in: dir, stdin: "FROM alpine:3.19\nRUN apk add curl\n")
        #expect(code == 0 || code == 1)
        #expect(out.stdout.contains("\"file\": \"-\""))
        #expect(out.stdout.contains("DF3018"))
    }

    @Test func badInputsGiveExitTwoAndOtherFilesAreStillLinted() throws {
        let dir = try ScratchDirectory()
        try dir.write("good/Dockerfile", "FROM alpine\n")
        _ = try dir.writeBytes("binary.Dockerfile", [0x46, 0x52, 0x00, 0x01, 0xFF])
        _ = try dir.writeBytes("latin1.Dockerfile", Array("FROM alpine\nLABEL a=\"".utf8) + [0xE9, 0x22, 0x0A])
        try dir.write("heredoc.Dockerfile", "FROM alpine:3\nRUN <<EOF\necho never closed\n")
        try FileManager.default.createSymbolicLink(
            atPath: dir.path + "/dangling.Dockerfile",
            withDestinationPath: "/nonexistent/x"
        )
        let big = String(repeating: "RUN echo 0123456789012345678901234567890123456789\n", count: 1_100_000)
        try dir.write("huge.Dockerfile", "FROM alpine\n" + big)
        let (code, out) = runLint(["--format", "json", "--fail-on", "none", "."], in: dir)
        #expect(code == 2)
        let json = try JSONParser.parse(out.stdout)
        let errors = json["errors"]?.arrayValue ?? []
        let byCode = Dictionary(grouping: errors, by: { $0["code"]?.stringValue ?? "" })
        #expect(byCode["binary"]?.first?["target"]?.stringValue == "binary.Dockerfile")
        #expect(byCode["invalid-utf8"]?.first?["message"]?.stringValue?.contains("latin1.Dockerfile") == true)
        #expect(byCode["unreadable"]?.first?["target"]?.stringValue == "dangling.Dockerfile")
        #expect(byCode["too-large"]?.first?["target"]?.stringValue == "huge.Dockerfile")
        let findings = json["findings"]?.arrayValue ?? []
        // The good file and the unterminated heredoc are still linted.
        #expect(findings.contains { $0["location"]?["file"]?.stringValue == "good/Dockerfile" })
        #expect(
            findings.contains {
                $0["ruleId"]?.stringValue == "DF1000" && $0["location"]?["file"]?.stringValue == "heredoc.Dockerfile"
            }
        )
    }

    @Test func missingTargetAndBadOptionsExitTwo() throws {
        let dir = try ScratchDirectory()
        #expect(runLint(["does-not-exist"], in: dir).0 == 2)
        #expect(runLint(["--format", "yaml", "."], in: dir).0 == 2)
        #expect(runLint(["--fail-on", "severe", "."], in: dir).0 == 2)
        #expect(runLint(["--write", "."], in: dir).0 == 2)
    }

    @Test func fixPrintsADiffAndWriteRewritesTheFile() throws {
        let dir = try ScratchDirectory()
        let path = try dir.write(
            "Dockerfile",
            "FROM debian:12\nRUN apt-get update && apt-get install curl\nADD app.py /app/\nMAINTAINER me\n"
        )
        let (code, out) = runLint(["--fix", "Dockerfile"], in: dir)
        #expect(code == 0 || code == 1)
        #expect(out.stdout.contains("+++ b/Dockerfile"))
        #expect(
            out.stdout.contains("+RUN apt-get update && apt-get install") && out.stdout.contains("-y")
                && out.stdout.contains("--no-install-recommends")
        )
        #expect(
            try String(contentsOfFile: path, encoding: .utf8).contains("apt-get install curl"),
            "diff mode must not write"
        )

        let (_, _) = runLint(["--fix", "--write", "Dockerfile"], in: dir)
        let fixed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(fixed.contains("COPY app.py /app/"))
        #expect(fixed.contains("LABEL maintainer="))
        let (_, after) = runLint(["--format", "json", "--fail-on", "none", "Dockerfile"], in: dir)
        for fixedRule in ["DF3014", "DF3015", "DF3020", "DF4000", "DF3009"] {
            #expect(!after.stdout.contains("\"\(fixedRule)\""), "\(fixedRule) still fires after --fix")
        }
    }

    @Test func bulkheadConfigIsFoundByWalkingUp() throws {
        let dir = try ScratchDirectory()
        try dir.write(".bulkhead.yaml", "rules:\n  disable: [DL3006]\nfailOn: critical\n")
        try dir.write("svc/api/Dockerfile", "FROM ubuntu\n")
        let (code, out) = runLint(["--format", "json", "svc/api"], in: dir)
        #expect(code == 0)
        #expect(!out.stdout.contains("DF3006"))
    }

    @Test func hadolintConfigIsHonouredWithoutBulkheadConfig() throws {
        let dir = try ScratchDirectory()
        try dir.write(".hadolint.yaml", "ignored:\n  - DL3006\n")
        try dir.write("Dockerfile", "FROM ubuntu\n")
        let (_, out) = runLint(["--format", "json", "Dockerfile"], in: dir)
        #expect(!out.stdout.contains("DF3006"))
        let (_, withoutConfig) = runLint(["--no-config", "--format", "json", "Dockerfile"], in: dir)
        #expect(withoutConfig.stdout.contains("DF3006"))
    }

    @Test func brokenConfigIsExitTwoWithFileName() throws {
        let dir = try ScratchDirectory()
        try dir.write(".bulkhead.yaml", "rules: [\n")
        try dir.write("Dockerfile", "FROM alpine:3\n")
        let (code, out) = runLint(["Dockerfile"], in: dir)
        #expect(code == 2)
        #expect(out.stderr.contains(".bulkhead.yaml"))
    }

    @Test func expiredWaiverStopsHidingAndSaysSo() throws {
        let dir = try ScratchDirectory()
        try dir.write(
            ".bulkhead.yaml",
            "ignore:\n  - rules: [DL3006]\n    expires: 2020-01-01\n  - rules: [DL3007]\n    expires: 2999-01-01\n"
        )
        try dir.write("Dockerfile", "FROM ubuntu\nFROM alpine:latest\n")
        let (_, out) = runLint(["--format", "json", "Dockerfile"], in: dir)
        #expect(out.stdout.contains("DF3006"))
        #expect(!out.stdout.contains("DF3007"))
        #expect(out.stderr.contains("expired"))
    }

    @Test func humanOutputHasNoColourWhenNotATerminal() throws {
        let dir = try ScratchDirectory()
        try dir.write("Dockerfile", Self.insecure)
        let (_, out) = runLint(["Dockerfile"], in: dir)
        #expect(!out.stdout.contains("\u{1B}["))
        #expect(out.stdout.contains("Dockerfile:3:1"))
        let (_, coloured) = runLint(["--color", "always", "Dockerfile"], in: dir)
        #expect(coloured.stdout.contains("\u{1B}["))
    }

    @Test func listRulesIncludesEveryHadolintRule() throws {
        let dir = try ScratchDirectory()
        let (code, out) = runLint(["--list-rules", "--format", "json"], in: dir)
        #expect(code == 0)
        let rules = try JSONParser.parse(out.stdout)["rules"]?.arrayValue ?? []
        let aliases = Set(rules.flatMap { $0["aliases"]?.arrayValue?.compactMap(\.stringValue) ?? [] })
        let expected = [
            "DL1001", "DL3000", "DL3001", "DL3002", "DL3003", "DL3004", "DL3006", "DL3007", "DL3008", "DL3009",
            "DL3010",
            "DL3011", "DL3012", "DL3013", "DL3014", "DL3015", "DL3016", "DL3018", "DL3019", "DL3020", "DL3021",
            "DL3022",
            "DL3023", "DL3024", "DL3025", "DL3026", "DL3027", "DL3028", "DL3029", "DL3030", "DL3032", "DL3033",
            "DL3034",
            "DL3035", "DL3036", "DL3037", "DL3038", "DL3040", "DL3041", "DL3042", "DL3043", "DL3044", "DL3045",
            "DL3046",
            "DL3047", "DL3048", "DL3049", "DL3050", "DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056",
            "DL3057",
            "DL3058", "DL3059", "DL3060", "DL3061", "DL3062", "DL3063", "DL3064", "DL3065", "DL3066", "DL3067",
            "DL4000",
            "DL4001", "DL4003", "DL4004", "DL4005", "DL4006",
        ]
        #expect(Set(expected).subtracting(aliases).isEmpty, "missing: \(Set(expected).subtracting(aliases).sorted())")
    }

    @Test func helpAndVersionExitZero() {
        let (io, out) = CommandIO.capturing()
        #expect(Bulkhead.run(arguments: ["--version"], io: io) == 0)
        #expect(out.stdout.contains(Bulkhead.version))
        #expect(Bulkhead.run(arguments: ["lint", "--help"], io: io) == 0)
        #expect(out.stdout.contains("--fail-on"))
    }
}
