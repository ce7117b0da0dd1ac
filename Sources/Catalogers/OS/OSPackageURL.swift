import SecurityModel

/// Package URLs of OS packages, as syft writes them: namespace = the OS id, `arch`, `distro=<id>-<version>`,
/// `upstream` for the source package when it differs, `epoch` for rpm.
enum OSPackageURL {
    /// The `distro` qualifier: `debian-12`, `alpine-3.11.13`, or the bare id when the OS has no version.
    static func distro(_ os: OperatingSystem?) -> String {
        guard let os else { return "" }
        guard let version = os.versionID, !version.isEmpty else { return os.id }
        return "\(os.id)-\(version)"
    }

    static func make(
        type: PackageType,
        namespace: String?,
        name: String,
        version: String,
        arch: String?,
        os: OperatingSystem?,
        extra: [String: String] = [:]
    ) -> String {
        var qualifiers = extra
        qualifiers["arch"] = arch ?? ""
        qualifiers["distro"] = distro(os)
        return PackageURL.make(
            type: type.rawValue,
            namespace: namespace,
            name: name,
            version: version,
            qualifiers: qualifiers
        )
    }
}
