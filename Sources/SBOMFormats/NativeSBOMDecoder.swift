import SecurityModel

/// Reads Bulkhead's own SBOM JSON back; every ``Package`` field is restored.
enum NativeSBOMDecoder {
    static func decode(_ json: JSONValue, subject: String) throws(SBOMDecodingError) -> DecodedSBOM {
        guard let schemaVersion = json["schemaVersion"]?.integerValue else {
            throw SBOMDecodingError(
                code: .invalidDocument,
                subject: subject,
                message: "Bulkhead SBOM schemaVersion is not an integer"
            )
        }
        guard let packages = json["packages"]?.arrayValue else {
            throw SBOMDecodingError(
                code: .invalidDocument,
                subject: subject,
                message: "Bulkhead SBOM packages is not an array"
            )
        }
        var decoded = DecodedSBOM(format: .bulkhead(schemaVersion: schemaVersion))
        let source = json["source"]
        decoded.subjectName = source?["reference"]?.nonEmptyString ?? source?["path"]?.nonEmptyString
        if let os = json["os"], let id = os["id"]?.nonEmptyString {
            decoded.operatingSystem = OperatingSystem(
                id: id,
                versionID: os["versionID"]?.stringValue,
                codename: os["codename"]?.stringValue,
                prettyName: os["prettyName"]?.stringValue,
                idLike: os["idLike"]?.strings ?? [],
                isDistroless: os["distroless"]?.booleanValue ?? false
            )
        }
        for (index, p) in packages.enumerated() {
            guard let name = p["name"]?.stringValue, let typeName = p["type"]?.stringValue else {
                decoded.diagnostics.append(
                    InventoryDiagnostic(
                        catalogerID: "sbom/bulkhead",
                        path: subject,
                        message: "packages[\(index)]: package without a name or type; skipped"
                    )
                )
                continue
            }
            decoded.packages.append(
                Package(
                    name: name,
                    version: p["version"]?.stringValue ?? "",
                    type: PackageType(rawValue: typeName) ?? .binary,
                    purl: p["purl"]?.stringValue ?? "",
                    sourceName: p["sourceName"]?.stringValue,
                    sourceVersion: p["sourceVersion"]?.stringValue,
                    licenses: p["licenses"]?.strings ?? [],
                    architecture: p["architecture"]?.stringValue,
                    layerIndex: p["layerIndex"]?.integerValue,
                    locations: p["locations"]?.strings ?? [],
                    files: p["files"]?.strings ?? [],
                    foundBy: p["foundBy"]?.stringValue ?? "sbom/bulkhead"
                )
            )
        }
        for d in json["diagnostics"]?.items ?? [] {
            decoded.diagnostics.append(
                InventoryDiagnostic(
                    catalogerID: d["cataloger"]?.stringValue ?? "",
                    path: d["path"]?.stringValue ?? "",
                    message: d["message"]?.stringValue ?? ""
                )
            )
        }
        return decoded
    }
}
