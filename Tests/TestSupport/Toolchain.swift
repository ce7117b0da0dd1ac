import Foundation

/// Tools of the Swift toolchain the tests use.
public enum Toolchain {
    /// The Swift toolchain's clang (it compiles the BPF programs too): the one beside `swift` on PATH, else
    /// `/opt/swift/usr/bin/clang`, else `clang` from PATH.
    public static let clang: String = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let swift = "\(directory)/swift"
            let clang = "\(directory)/clang"
            if FileManager.default.isExecutableFile(atPath: swift), FileManager.default.isExecutableFile(atPath: clang)
            {
                return clang
            }
        }
        return FileManager.default.isExecutableFile(atPath: "/opt/swift/usr/bin/clang")
            ? "/opt/swift/usr/bin/clang" : "clang"
    }()
}
