/// The operating-system package catalogers, in a fixed order.
public enum OSCatalogers {
    /// dpkg, apk and rpm.
    public static let all: [any Cataloger] = [DpkgCataloger(), ApkCataloger(), RpmCataloger()]

    /// True when OS detection or one of ``all`` needs the content of the file at `path`.
    public static func isRequired(_ path: String) -> Bool {
        OperatingSystemDetector.isRequired(path) || all.contains { $0.isRequired(path) }
    }
}
