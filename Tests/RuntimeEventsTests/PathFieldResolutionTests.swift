import RuntimeEvents
import Testing

/// `fs.path.*` resolve relative paths as Falco does: against the working directory, or against the directory a
/// `dirfd` argument names (`<UNKNOWN>/…` when the table does not know it), never against the wrong one.
@Suite struct PathFieldResolutionTests {
    /// tar (cwd `/`) extracting below /tmp/extract through descriptor 4.
    static func table() -> ProcessTable {
        var table = ProcessTable()
        table.seed([
            ProcessRecord(
                thread: ThreadInfo(pid: 300, ppid: 1, comm: "tar", cwd: "/"),
                fileDescriptors: [4: FileDescriptorInfo(number: 4, kind: .directory, name: "/tmp/extract")]
            )
        ])
        return table
    }

    static func event(_ type: EventType, _ arguments: [EventArgument]) -> RuntimeEvent {
        RuntimeEvent(
            timestamp: 1,
            type: type,
            result: 0,
            arguments: arguments,
            thread: ThreadInfo(pid: 300, ppid: 1, comm: "tar", cwd: "/")
        )
    }

    static func field(_ name: String, _ event: RuntimeEvent) -> String? {
        EventFields.resolve(name)?.extract(event, table())?.text
    }

    @Test func aDirfdRelativePathResolvesAgainstItsDirectoryNotTheWorkingDirectory() {
        let mkdir = Self.event(.mkdirat, [.init("dirfd", .integer(4)), .init("path", .path("./etc/cron.d"))])
        #expect(Self.field("fs.path.name", mkdir) == "/tmp/extract/etc/cron.d")
        let unknown = Self.event(.mkdirat, [.init("dirfd", .integer(9)), .init("path", .path("./etc/cron.d"))])
        #expect(Self.field("fs.path.name", unknown) == "<UNKNOWN>/etc/cron.d")
        let cwd = Self.event(.mkdirat, [.init("dirfd", .integer(-100)), .init("path", .path("etc/cron.d"))])
        #expect(Self.field("fs.path.name", cwd) == "/etc/cron.d")
        let plain = Self.event(.unlink, [.init("path", .path("etc/../etc/passwd"))])
        #expect(Self.field("fs.path.name", plain) == "/etc/passwd")
        let absolute = Self.event(.mkdirat, [.init("dirfd", .integer(4)), .init("path", .path("/var//log/"))])
        #expect(Self.field("fs.path.name", absolute) == "/var/log")
    }

    @Test func renameAndLinkResolveEachSideAgainstItsOwnDirectory() {
        let rename = Self.event(
            .renameat2,
            [
                .init("olddirfd", .integer(4)), .init("oldpath", .path("a")), .init("newdirfd", .integer(-100)),
                .init("newpath", .path("etc/a")),
            ]
        )
        #expect(Self.field("fs.path.source", rename) == "/tmp/extract/a")
        #expect(Self.field("fs.path.target", rename) == "/etc/a")
        let link = Self.event(
            .linkat,
            [
                .init("olddir", .integer(-100)), .init("oldpath", .path("x")), .init("newdir", .integer(4)),
                .init("newpath", .path("bin/x")),
            ]
        )
        #expect(
            Self.field("fs.path.source", link) == "/x" && Self.field("fs.path.target", link) == "/tmp/extract/bin/x"
        )
    }

    /// A symlink's target is the text the link holds, not a path of this call: it stays as given.
    @Test func aSymlinkKeepsItsTargetAsGivenAndResolvesTheLink() {
        let symlink = Self.event(
            .symlinkat,
            [.init("target", .path("../lib/x")), .init("linkdirfd", .integer(4)), .init("linkpath", .path("./bin/x"))]
        )
        #expect(Self.field("fs.path.source", symlink) == "../lib/x")
        #expect(Self.field("fs.path.target", symlink) == "/tmp/extract/bin/x")
    }
}
