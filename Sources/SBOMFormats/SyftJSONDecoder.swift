import SecurityModel

/// Reads syft's own JSON (`syft -o json`: `artifacts`, `distro`, `source`) into packages.
///
/// The type comes from the purl, else from syft's package type; the source package from the apk
/// `originPackage`, dpkg `source` or rpm `sourceRpm` metadata; licenses from plain strings or
/// `{value, spdxExpression}` objects (the expression preferred).
enum SyftJSONDecoder {
    private static let syftTypes: [String: PackageType] = [
        "apk": .apk, "deb": .deb, "rpm": .rpm, "python": .python, "npm": .npm, "gem": .gem, "rust-crate": .cargo,
        "php-composer": .composer, "dotnet": .nuget, "go-module": .goModule, "java-archive": .javaArchive,
        "jenkins-plugin": .javaArchive, "binary": .binary,
    ]

    static func decode(_ json: JSONValue, subject: String) throws(SBOMDecodingError) -> DecodedSBOM {
        guard let artifacts = json["artifacts"]?.arrayValue else {
            throw SBOMDecodingError(code: .invalidDocument, subject: subject, message: "syft artifacts is not an array")
        }
        var decoded = DecodedSBOM(format: .syft(schemaVersion: json["schema"]?["version"]?.stringValue ?? ""))
        let target = json["source"]?["target"]
        decoded.subjectName = target?["userInput"]?.nonEmptyString ?? json["source"]?["name"]?.nonEmptyString
        if let distro = json["distro"], let id = distro["id"]?.nonEmptyString {
            decoded.operatingSystem = OperatingSystem(
                id: id,
                versionID: distro["versionID"]?.nonEmptyString,
                codename: distro["versionCodename"]?.nonEmptyString,
                prettyName: distro["prettyName"]?.nonEmptyString,
                idLike: distro["idLike"]?.strings ?? []
            )
        }
        for (index, artifact) in artifacts.enumerated() {
            guard let name = artifact["name"]?.nonEmptyString else {
                decoded.diagnostics.append(
                    InventoryDiagnostic(
                        catalogerID: "sbom/syft",
                        path: subject,
                        message: "artifacts[\(index)]: artifact without a name; skipped"
                    )
                )
                continue
            }
            let version = artifact["version"]?.stringValue ?? ""
            let purlText = artifact["purl"]?.stringValue ?? ""
            let purl = ParsedPackageURL(purlText)
            var package = Package(name: name, version: version, type: .binary, purl: purlText, foundBy: "sbom/syft")
            if let t = purl.flatMap({ ParsedPackageURL.packageType(purlType: $0.type) }) {
                package.type = t
            } else if let t = artifact["type"]?.stringValue.flatMap({ syftTypes[$0] }) {
                package.type = t
            }
            package.licenses = (artifact["licenses"]?.items ?? []).compactMap { license in
                license.nonEmptyString ?? license["spdxExpression"]?.nonEmptyString ?? license["value"]?.nonEmptyString
            }
            package.locations = (artifact["locations"]?.items ?? []).compactMap { $0["path"]?.nonEmptyString }
            let metadata = artifact["metadata"]
            var source = metadata?["originPackage"]?.nonEmptyString ?? metadata?["source"]?.nonEmptyString
            var sourceVersion = metadata?["sourceVersion"]?.nonEmptyString
            if source == nil, let srpm = metadata?["sourceRpm"]?.nonEmptyString {
                let parsed = ParsedPackageURL("pkg:rpm/x/x?upstream=" + PackageURL.encode(srpm))?.upstream
                source = parsed?.name
                sourceVersion = parsed?.version
            }
            if source == nil, let upstream = purl?.upstream {
                source = upstream.name
                sourceVersion = upstream.version
            }
            package.sourceName = source
            package.sourceVersion = sourceVersion == version ? nil : sourceVersion
            package.architecture = metadata?["architecture"]?.nonEmptyString ?? purl?.qualifiers["arch"]
            decoded.packages.append(package)
        }
        return decoded
    }
}
