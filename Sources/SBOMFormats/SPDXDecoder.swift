import SecurityModel

/// Reads SPDX 2.2/2.3 JSON packages back into packages.
///
/// Skipped as packages: the subject (a package the document DESCRIBES that has no purl), containers
/// (`primaryPackagePurpose` `CONTAINER` or a `pkg:oci`/`pkg:docker` purl), operating systems (read as
/// ``DecodedSBOM/operatingSystem``) and `SOURCE` packages (which give the source package of the binaries
/// GENERATED_FROM them). The purl comes from a `purl` external reference; without one the type is guessed
/// from `sourceInfo`/`packageFileName` (dpkg, apk, rpm, dist-info…), else it is `binary`. claircore's
/// `OTHER` packages summarised `repository`/`distribution` are skipped too. A `bulkhead`
/// annotation restores Bulkhead's own fields exactly.
enum SPDXDecoder {
    static func decode(_ json: JSONValue, subject: String) throws(SBOMDecodingError) -> DecodedSBOM {
        let version = json["spdxVersion"]?.stringValue ?? "SPDX-2"
        if let packages = json["packages"], packages.arrayValue == nil {
            throw SBOMDecodingError(code: .invalidDocument, subject: subject, message: "SPDX packages is not an array")
        }
        var decoded = DecodedSBOM(format: .spdx(version: version))
        let packages = json["packages"]?.items ?? []
        let relationships = json["relationships"]?.items ?? []
        var byID: [String: JSONValue] = [:]
        for package in packages {
            if let id = package["SPDXID"]?.stringValue, byID[id] == nil { byID[id] = package }
        }
        var described = Set(json["documentDescribes"]?.strings ?? [])
        var sources: [String: (name: String, version: String?)] = [:]
        func purpose(_ id: String) -> String? { byID[id]?["primaryPackagePurpose"]?.stringValue }
        for r in relationships {
            guard let element = r["spdxElementId"]?.stringValue, let type = r["relationshipType"]?.stringValue,
                let related = r["relatedSpdxElement"]?.stringValue
            else { continue }
            switch type {
            case "DESCRIBES" where element == "SPDXRef-DOCUMENT": described.insert(related)
            case "DESCRIBED_BY" where related == "SPDXRef-DOCUMENT": described.insert(element)
            case "GENERATED_FROM":
                if purpose(related) == "SOURCE", let name = byID[related]?["name"]?.nonEmptyString {
                    sources[element] = (name, byID[related]?["versionInfo"]?.nonEmptyString)
                }
            case "GENERATES":
                if purpose(element) == "SOURCE", let name = byID[element]?["name"]?.nonEmptyString {
                    sources[related] = (name, byID[element]?["versionInfo"]?.nonEmptyString)
                }
            default: break
            }
        }
        var extracted: [String: String] = [:]
        for info in json["hasExtractedLicensingInfos"]?.items ?? [] {
            guard let id = info["licenseId"]?.stringValue else { continue }
            extracted[id] = info["name"]?.nonEmptyString ?? info["extractedText"]?.nonEmptyString
        }
        for annotation in json["annotations"]?.items ?? [] {
            for (key, value) in SBOMDecoder.bulkheadFields(annotation["comment"]?.stringValue ?? "")
            where key == "diagnostic" {
                decoded.diagnostics.append(SBOMDecoder.diagnostic(value, fallbackCataloger: "sbom/spdx"))
            }
        }
        for (index, package) in packages.enumerated() {
            read(
                package,
                path: "packages[\(index)]",
                subject: subject,
                described: described,
                sources: sources,
                extracted: extracted,
                into: &decoded
            )
        }
        decoded.subjectName =
            described.sorted().compactMap { byID[$0]?["name"]?.nonEmptyString }.first ?? json["name"]?.nonEmptyString
        return decoded
    }

    private static func read(
        _ json: JSONValue,
        path: String,
        subject: String,
        described: Set<String>,
        sources: [String: (name: String, version: String?)],
        extracted: [String: String],
        into decoded: inout DecodedSBOM
    ) {
        guard json.objectMembers != nil else {
            decoded.diagnostics.append(
                InventoryDiagnostic(catalogerID: "sbom/spdx", path: subject, message: "\(path): not an object; skipped")
            )
            return
        }
        let spdxID = json["SPDXID"]?.stringValue ?? ""
        let purpose = json["primaryPackagePurpose"]?.stringValue ?? ""
        guard let name = json["name"]?.nonEmptyString else {
            decoded.diagnostics.append(
                InventoryDiagnostic(
                    catalogerID: "sbom/spdx",
                    path: subject,
                    message: "\(path): package without a name; skipped"
                )
            )
            return
        }
        let version = json["versionInfo"]?.stringValue ?? ""
        if purpose == "OPERATING_SYSTEM" || purpose == "OPERATING-SYSTEM" {
            if decoded.operatingSystem == nil { decoded.operatingSystem = operatingSystem(json, name: name) }
            return
        }
        if purpose == "CONTAINER" || purpose == "SOURCE" { return }
        // claircore describes package repositories and distributions as packages with these summaries.
        if purpose == "OTHER", ["repository", "distribution"].contains(json["summary"]?.stringValue ?? "") { return }
        let purlText =
            (json["externalRefs"]?.items ?? []).first { $0["referenceType"]?.stringValue == "purl" }?[
                "referenceLocator"
            ]?.stringValue ?? ""
        let purl = ParsedPackageURL(purlText)
        if purl?.type == "oci" || purl?.type == "docker" { return }
        let fields = (json["annotations"]?.items ?? []).flatMap {
            SBOMDecoder.bulkheadFields($0["comment"]?.stringValue ?? "")
        }
        if described.contains(spdxID), purl == nil, fields.isEmpty { return }
        func field(_ key: String) -> String? { fields.first { $0.0 == key }?.1 }
        let sourceInfo = json["sourceInfo"]?.stringValue ?? ""
        let fileName = json["packageFileName"]?.stringValue ?? ""

        var package = Package(name: name, version: version, type: .binary, purl: purlText, foundBy: "sbom/spdx")
        if let t = field("type").flatMap(PackageType.init(rawValue:)) {
            package.type = t
        } else if let purl {
            package.type = purl.packageType
        } else if let hint = SBOMDecoder.typeHint(sourceInfo) ?? SBOMDecoder.typeHint(fileName) {
            package.type = hint
        }
        if let foundBy = field("foundBy") { package.foundBy = foundBy }
        let licenseLines = fields.filter { $0.0 == "license" }.map(\.1)
        if !licenseLines.isEmpty {
            package.licenses = licenseLines
        } else if let license = declaredLicense(json, extracted: extracted) {
            package.licenses = [license]
        }
        if !fields.isEmpty {
            package.locations = fields.filter { $0.0 == "location" }.map(\.1)
            package.layerIndex = field("layer").flatMap { Int($0) }
            package.sourceName = field("sourceName")
            package.sourceVersion = field("sourceVersion")
            package.architecture = field("architecture")
        } else {
            package.locations = locations(sourceInfo: sourceInfo, fileName: fileName)
            if let source = sources[spdxID] {
                package.sourceName = source.name
                package.sourceVersion = source.version == version ? nil : source.version
            } else if let upstream = purl?.upstream {
                package.sourceName = upstream.name
                package.sourceVersion = upstream.version == version ? nil : upstream.version
            }
            package.architecture = purl?.qualifiers["arch"]
        }
        decoded.packages.append(package)
    }

    /// `licenseDeclared`, else `licenseConcluded`, without NOASSERTION/NONE; a lone `LicenseRef-` the
    /// document defines becomes its name.
    private static func declaredLicense(_ json: JSONValue, extracted: [String: String]) -> String? {
        for key in ["licenseDeclared", "licenseConcluded"] {
            guard let value = json[key]?.nonEmptyString, value != "NOASSERTION", value != "NONE" else { continue }
            return extracted[value] ?? value
        }
        return nil
    }

    /// Paths after the `: ` of a syft-style `sourceInfo` (`acquired package info from APK DB: /lib/apk/db/installed`),
    /// else `packageFileName`.
    private static func locations(sourceInfo: String, fileName: String) -> [String] {
        if let range = sourceInfo.firstRange(of: ": ") {
            let paths = sourceInfo[range.upperBound...].split(separator: ",").map {
                LicenseMapping.trimmed(String($0))
            }.filter { $0.hasPrefix("/") }
            if !paths.isEmpty { return paths }
        }
        return fileName.isEmpty ? [] : [fileName]
    }

    private static func operatingSystem(_ json: JSONValue, name: String) -> OperatingSystem {
        var id = name.lowercased()
        var versionID = json["versionInfo"]?.nonEmptyString
        var prettyName = json["description"]?.nonEmptyString
        for ref in json["externalRefs"]?.items ?? [] {
            guard let locator = ref["referenceLocator"]?.nonEmptyString else { continue }
            switch ref["referenceType"]?.stringValue {
            case "did": id = locator
            case "version_id": versionID = locator
            case "pretty_name": prettyName = locator
            default: break
            }
        }
        return OperatingSystem(id: id, versionID: versionID, prettyName: prettyName)
    }
}
