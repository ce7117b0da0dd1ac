public import SecurityModel

/// SPDX 2.3 JSON (`--format spdx-json`).
///
/// The document DESCRIBES one root package, the scanned image (`primaryPackagePurpose` `CONTAINER`) or
/// directory, which CONTAINS the operating system (`OPERATING_SYSTEM`) and every package. Packages carry
/// their purl as a `PACKAGE-MANAGER` external reference, `licenseDeclared` as an SPDX expression
/// (`LicenseRef-` for text that is not one) and one `bulkhead` annotation holding the fields SPDX has no
/// place for (type, cataloger, layer, locations, source package). See docs/sbom-formats.md.
public enum SPDXEncoder {
    /// The SPDX version written.
    public static let spdxVersion = "SPDX-2.3"

    /// Prefix of the annotation comment lines that carry Bulkhead's package fields.
    static let annotationPrefix = "bulkhead:"

    /// The document as an ordered JSON value.
    public static func document(_ inventory: Inventory) -> JSONValue {
        let tool = "Tool: " + inventory.tool.name + "-" + inventory.tool.version
        let root = rootPackage(inventory.subject)
        var packages: [JSONValue] = [root.value]
        var relationships: [JSONValue] = [relationship("SPDXRef-DOCUMENT", "DESCRIBES", root.id)]
        if let os = inventory.operatingSystem {
            let osID =
                "SPDXRef-OperatingSystem-" + PackageIdentity.idString(os.id, limit: 64) + "-"
                + PackageIdentity.idString(os.versionID ?? "unknown", limit: 64)
            packages.append(
                .compactObject([
                    ("name", .string(os.id)),
                    ("SPDXID", .string(osID)),
                    ("versionInfo", os.versionID.map(JSONValue.string)),
                    ("downloadLocation", .string("NOASSERTION")),
                    ("filesAnalyzed", .bool(false)),
                    ("licenseConcluded", .string("NOASSERTION")),
                    ("licenseDeclared", .string("NOASSERTION")),
                    ("copyrightText", .string("NOASSERTION")),
                    ("description", os.prettyName.map(JSONValue.string)),
                    ("primaryPackagePurpose", .string("OPERATING_SYSTEM")),
                ])
            )
            relationships.append(relationship(root.id, "CONTAINS", osID))
        }
        let layers: [LayerInfo]
        if case .image(let image) = inventory.subject { layers = image.layers } else { layers = [] }
        var refs = SPDXLicenseRefs()
        for (package, id) in PackageIdentity.identified(inventory.packages) {
            let spdxID = "SPDXRef-Package-" + id
            packages.append(
                packageJSON(package, spdxID: spdxID, layers: layers, refs: &refs, tool: tool, date: inventory.created)
            )
            relationships.append(relationship(root.id, "CONTAINS", spdxID))
        }
        let diagnostics = LicenseMapping.deduplicated(inventory.diagnostics.map(\.description))
        let name = inventory.subjectName.isEmpty ? "unnamed" : inventory.subjectName
        return .compactObject([
            ("spdxVersion", .string(spdxVersion)),
            ("dataLicense", .string("CC0-1.0")),
            ("SPDXID", .string("SPDXRef-DOCUMENT")),
            ("name", .string(name)),
            (
                "documentNamespace",
                .string(
                    "https://spdx.org/spdxdocs/" + PackageIdentity.idString(inventory.tool.name, limit: 32) + "-"
                        + PackageIdentity.idString(name, limit: 96) + "-" + inventory.documentUUID
                )
            ),
            (
                "creationInfo",
                .object([
                    ("licenseListVersion", .string(SPDXLicenseList.version)),
                    ("creators", .array([.string(tool)])),
                    ("created", .string(inventory.created)),
                ])
            ),
            ("packages", .array(packages)),
            (
                "hasExtractedLicensingInfos",
                refs.extracted.isEmpty
                    ? nil
                    : .array(
                        refs.extracted.map { entry in
                            .object([
                                ("licenseId", .string(entry.id)),
                                ("extractedText", .string(entry.text)),
                                ("name", .string(entry.text)),
                            ])
                        }
                    )
            ),
            ("relationships", .array(relationships)),
            (
                "annotations",
                diagnostics.isEmpty
                    ? nil
                    : .array(
                        diagnostics.map { text in
                            annotation(
                                tool: tool,
                                date: inventory.created,
                                comment: "bulkhead:diagnostic=" + escape(text)
                            )
                        }
                    )
            ),
        ])
    }

    /// The document as pretty-printed JSON text with a trailing newline.
    public static func encode(_ inventory: Inventory) -> String { document(inventory).serialized() + "\n" }

    /// Escapes `\`, newline and carriage return so that a value fits on one annotation line.
    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "\\" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func relationship(_ element: String, _ type: String, _ related: String) -> JSONValue {
        .object([
            ("spdxElementId", .string(element)),
            ("relationshipType", .string(type)),
            ("relatedSpdxElement", .string(related)),
        ])
    }

    private static func annotation(tool: String, date: String, comment: String) -> JSONValue {
        .object([
            ("annotationDate", .string(date)),
            ("annotationType", .string("OTHER")),
            ("annotator", .string(tool)),
            ("comment", .string(comment)),
        ])
    }

    private static func rootPackage(_ subject: Inventory.Subject) -> (id: String, value: JSONValue) {
        switch subject {
        case .directory(let path):
            let id = "SPDXRef-Directory-" + PackageIdentity.idString(path, limit: 96)
            return (
                id,
                .object([
                    ("name", .string(path.isEmpty ? "directory" : path)),
                    ("SPDXID", .string(id)),
                    ("downloadLocation", .string("NOASSERTION")),
                    ("filesAnalyzed", .bool(false)),
                    ("licenseConcluded", .string("NOASSERTION")),
                    ("licenseDeclared", .string("NOASSERTION")),
                    ("copyrightText", .string("NOASSERTION")),
                    ("primaryPackagePurpose", .string("OTHER")),
                ])
            )
        case .image(let image):
            let name = ImageName(image)
            let id = "SPDXRef-Image-" + PackageIdentity.idString(name.displayName, limit: 96)
            return (
                id,
                .compactObject([
                    ("name", .string(name.repository)),
                    ("SPDXID", .string(id)),
                    ("versionInfo", name.version.map(JSONValue.string)),
                    ("supplier", .string("NOASSERTION")),
                    ("downloadLocation", .string("NOASSERTION")),
                    ("filesAnalyzed", .bool(false)),
                    ("licenseConcluded", .string("NOASSERTION")),
                    ("licenseDeclared", .string("NOASSERTION")),
                    ("copyrightText", .string("NOASSERTION")),
                    ("externalRefs", name.purl.map { .array([purlReference($0)]) }),
                    ("primaryPackagePurpose", .string("CONTAINER")),
                ])
            )
        }
    }

    private static func purlReference(_ purl: String) -> JSONValue {
        .object([
            ("referenceCategory", .string("PACKAGE-MANAGER")),
            ("referenceType", .string("purl")),
            ("referenceLocator", .string(purl)),
        ])
    }

    private static func packageJSON(
        _ p: Package,
        spdxID: String,
        layers: [LayerInfo],
        refs: inout SPDXLicenseRefs,
        tool: String,
        date: String
    ) -> JSONValue {
        let licenses = LicenseMapping.deduplicated(p.licenses)
        let declared = refs.declared(licenses)
        var lines: [(String, String)] = [("type", p.type.rawValue), ("foundBy", p.foundBy)]
        if let index = p.layerIndex {
            lines.append(("layer", String(index)))
            if layers.indices.contains(index), let layerID = layers[index].identifier {
                lines.append(("layerID", layerID))
            }
        }
        var seenLocations = Set<String>()
        let locations = p.locations.filter { seenLocations.insert($0).inserted }
        lines += locations.map { ("location", $0) }
        if let v = p.sourceName { lines.append(("sourceName", v)) }
        if let v = p.sourceVersion { lines.append(("sourceVersion", v)) }
        if let v = p.architecture { lines.append(("architecture", v)) }
        // Keep the original strings when licenseDeclared alone would not give them back.
        let reversible =
            licenses.isEmpty
            || (licenses.count == 1 && (declared == licenses[0] || refs.text(for: declared) == licenses[0]))
        if !reversible { lines += licenses.map { ("license", $0) } }
        let comment = lines.map { annotationPrefix + $0.0 + "=" + escape($0.1) }.joined(separator: "\n")
        var origin = "acquired package info from " + p.foundBy
        if !locations.isEmpty { origin += ": " + locations.joined(separator: ", ") }
        return .compactObject([
            ("name", .string(p.name)),
            ("SPDXID", .string(spdxID)),
            ("versionInfo", p.version.isEmpty ? nil : .string(p.version)),
            ("supplier", .string("NOASSERTION")),
            ("downloadLocation", .string("NOASSERTION")),
            ("filesAnalyzed", .bool(false)),
            ("sourceInfo", .string(origin)),
            ("licenseConcluded", .string("NOASSERTION")),
            ("licenseDeclared", .string(declared)),
            ("copyrightText", .string("NOASSERTION")),
            ("externalRefs", p.purl.isEmpty ? nil : .array([purlReference(p.purl)])),
            ("annotations", .array([annotation(tool: tool, date: date, comment: comment)])),
        ])
    }
}
