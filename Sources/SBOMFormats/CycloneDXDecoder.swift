import SecurityModel

/// Reads CycloneDX JSON (1.2–1.7) components back into packages.
///
/// Every component with a name is a package except the document's subject (`metadata.component`),
/// operating systems (read as ``DecodedSBOM/operatingSystem``), containers, and non-software types
/// (`data`, `device`, `platform`, `machine-learning-model`, `cryptographic-asset`, `file` without a purl).
/// Nested `components` are flattened. `bulkhead:*` properties restore Bulkhead's fields exactly; syft's
/// `syft:package:*`/`syft:location:*` properties and `evidence.occurrences` are read when present.
enum CycloneDXDecoder {
    private static let nonPackageTypes: Set<String> = [
        "operating-system", "container", "data", "device", "device-driver", "platform", "machine-learning-model",
        "cryptographic-asset",
    ]

    static func decode(_ json: JSONValue, subject: String) throws(SBOMDecodingError) -> DecodedSBOM {
        guard let specVersion = json["specVersion"]?.stringValue, specVersion.hasPrefix("1.") else {
            throw SBOMDecodingError(
                code: .invalidDocument,
                subject: subject,
                message: "CycloneDX document without a 1.x specVersion"
            )
        }
        if let components = json["components"], components.arrayValue == nil {
            throw SBOMDecodingError(
                code: .invalidDocument,
                subject: subject,
                message: "CycloneDX components is not an array"
            )
        }
        var decoded = DecodedSBOM(format: .cycloneDX(specVersion: specVersion))
        let metadata = json["metadata"]
        decoded.subjectName = metadata?["component"]?["name"]?.nonEmptyString
        for property in metadata?["properties"]?.items ?? []
        where property["name"]?.stringValue == "bulkhead:diagnostic" {
            if let value = property["value"]?.stringValue {
                decoded.diagnostics.append(SBOMDecoder.diagnostic(value, fallbackCataloger: "sbom/cyclonedx"))
            }
        }
        var stack: [(JSONValue, String)] =
            json["components"]?.items.enumerated().reversed().map {
                ($0.element, "components[\($0.offset)]")
            } ?? []
        var visited = 0
        while let (component, path) = stack.popLast() {
            visited += 1
            guard visited <= 1_000_000 else { break }
            for (index, child) in (component["components"]?.items ?? []).enumerated().reversed() {
                stack.append((child, path + ".components[\(index)]"))
            }
            read(component, path: path, subject: subject, into: &decoded)
        }
        return decoded
    }

    private static func read(_ component: JSONValue, path: String, subject: String, into decoded: inout DecodedSBOM) {
        func skip(_ why: String) {
            decoded.diagnostics.append(
                InventoryDiagnostic(catalogerID: "sbom/cyclonedx", path: subject, message: "\(path): \(why); skipped")
            )
        }
        guard component.objectMembers != nil else { return skip("not an object") }
        let kind = component["type"]?.stringValue ?? ""
        guard let name = component["name"]?.nonEmptyString else { return skip("component without a name") }
        let properties = (component["properties"]?.items ?? []).compactMap { p -> (String, String)? in
            guard let n = p["name"]?.stringValue else { return nil }
            return (n, p["value"]?.stringValue ?? "")
        }
        func property(_ key: String) -> String? { properties.first { $0.0 == key }?.1 }
        let version = component["version"]?.stringValue ?? ""
        if kind == "operating-system" {
            if decoded.operatingSystem == nil {
                decoded.operatingSystem = OperatingSystem(
                    id: name.lowercased(),
                    versionID: version.isEmpty ? nil : version,
                    codename: property("bulkhead:os:codename"),
                    prettyName: component["description"]?.nonEmptyString,
                    idLike: properties.filter { $0.0 == "bulkhead:os:idLike" }.map(\.1),
                    isDistroless: property("bulkhead:os:distroless") == "true"
                )
            }
            return
        }
        let purlText = component["purl"]?.stringValue ?? ""
        let purl = ParsedPackageURL(purlText)
        if nonPackageTypes.contains(kind) || purl?.type == "oci" || purl?.type == "docker" { return }
        if kind == "file", purl == nil { return }

        var package = Package(
            name: name,
            version: version,
            type: .binary,
            purl: purlText,
            foundBy: property("bulkhead:foundBy")
                ?? "sbom/cyclonedx"
        )
        if let t = property("bulkhead:type").flatMap(PackageType.init(rawValue:)) {
            package.type = t
        } else if let purl {
            package.type = purl.packageType
        } else if let hint = property("syft:package:type").flatMap({ ParsedPackageURL.packageType(purlType: $0) }) {
            package.type = hint
        }
        package.licenses = licenses(component["licenses"])
        let bulkheadLocations = properties.filter { $0.0 == "bulkhead:location" }.map(\.1)
        if !bulkheadLocations.isEmpty {
            package.locations = bulkheadLocations
        } else {
            package.locations = properties.filter { $0.0.hasPrefix("syft:location:") && $0.0.hasSuffix(":path") }
                .map(\.1)
            if package.locations.isEmpty {
                package.locations = (component["evidence"]?["occurrences"]?.items ?? []).compactMap {
                    $0["location"]?.nonEmptyString
                }
            }
        }
        package.layerIndex = property("bulkhead:layer").flatMap { Int($0) }
        if properties.contains(where: { $0.0.hasPrefix("bulkhead:") }) {
            package.sourceName = property("bulkhead:sourceName")
            package.sourceVersion = property("bulkhead:sourceVersion")
            package.architecture = property("bulkhead:architecture")
        } else {
            if let upstream = purl?.upstream {
                package.sourceName = upstream.name
                package.sourceVersion = upstream.version == version ? nil : upstream.version
            }
            package.architecture = purl?.qualifiers["arch"]
        }
        decoded.packages.append(package)
    }

    /// `license.id`, `license.name` and `expression` entries, in order.
    static func licenses(_ value: JSONValue?) -> [String] {
        (value?.items ?? []).compactMap { entry in
            if let expression = entry["expression"]?.nonEmptyString { return expression }
            let license = entry["license"]
            return license?["id"]?.nonEmptyString ?? license?["name"]?.nonEmptyString
                ?? license?["expression"]?.nonEmptyString
        }
    }
}
