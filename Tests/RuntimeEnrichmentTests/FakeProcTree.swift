import Foundation
import Glibc

/// A `/proc`-like directory written in a private temporary directory, removed by ``remove()``.
final class FakeProcTree {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "/bulkhead-test-b-proc-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func write(_ relativePath: String, _ text: String) throws { try write(relativePath, Array(text.utf8)) }

    func write(_ relativePath: String, _ bytes: [UInt8]) throws {
        let path = root + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    func link(_ relativePath: String, to target: String) throws {
        let path = root + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        guard symlink(target, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    func fifo(_ relativePath: String) throws {
        let path = root + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        guard mkfifo(path, 0o600) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// A well-formed process directory.
    func process(
        pid: Int,
        ppid: Int = 1,
        comm: String = "fake",
        arguments: [String] = ["/usr/bin/fake", "--flag"],
        uid: Int = 1000,
        cgroup: String? = "0::/user.slice\n",
        flags: Int = 4_194_304
    ) throws {
        try write(
            "\(pid)/stat",
            "\(pid) (\(comm)) S \(ppid) \(pid) \(pid) 34816 -1 \(flags) 0 0 0 0 0 0 0 0 20 0 1 0 500 0 0\n"
        )
        try write(
            "\(pid)/status",
            "Name:\t\(comm)\nTgid:\t\(pid)\nPid:\t\(pid)\nPPid:\t\(ppid)\nUid:\t\(uid)\t\(uid)\t\(uid)\t\(uid)\n"
                + "Gid:\t\(uid)\t\(uid)\t\(uid)\t\(uid)\nNSpid:\t\(pid)\t3\nCapInh:\t0000000000000000\n"
                + "CapPrm:\t0000000000000005\nCapEff:\t0000000000000004\n"
        )
        var cmdline: [UInt8] = []
        for argument in arguments { cmdline += Array(argument.utf8) + [0] }
        try write("\(pid)/cmdline", cmdline)
        try write("\(pid)/loginuid", "\(uid)")
        if let cgroup { try write("\(pid)/cgroup", cgroup) }
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
