public import SecurityModel

/// CycloneDX 1.6 JSON (`--format cyclonedx-json`).
///
/// The scanned image is `metadata.component` (type `container`, with a `pkg:oci` purl when a digest is
/// known), the operating system an `operating-system` component, every package a `library` (or
/// `application` for bare binaries) component with `bom-ref` = ``PackageIdentity`` id, purl, licenses and
/// `bulkhead:*` properties. The root depends on every other component. See docs/sbom-formats.md.
public enum CycloneDXEncoder {
    /// The CycloneDX specification version written.
    public static let specVersion = "1.6"

    /// The document as an ordered JSON value.
    public static func document(_ inventory: Inventory) -> JSONValue {
        let identified = PackageIdentity.identified(inventory.packages)
        let layers: [LayerInfo]
        if case .image(let image) = inventory.subject { layers = image.layers } else { layers = [] }
        let root = rootComponent(inventory.subject)
        var components: [JSONValue] = []
        var dependsOn: [JSONValue] = []
        if let os = inventory.operatingSystem {
            let ref = osReference(os)
            components.append(osComponent(os, ref: ref))
            dependsOn.append(.string(ref))
        }
        for (package, id) in identified {
            components.append(component(package, id: id, layers: layers))
            dependsOn.append(.string(id))
        }
        var metadata: [(String, JSONValue)] = [
            ("timestamp", .string(inventory.created)),
            (
                "tools",
                .object([
                    (
                        "components",
                        .array([
                            .object([
                                ("type", .string("application")),
                                ("name", .string(inventory.tool.name)),
                                ("version", .string(inventory.tool.version)),
                            ])
                        ])
                    )
                ])
            ),
            ("component", root.value),
        ]
        let diagnostics = LicenseMapping.deduplicated(inventory.diagnostics.map(\.description))
        if !diagnostics.isEmpty {
            metadata.append(("properties", properties(diagnostics.map { ("bulkhead:diagnostic", $0) })))
        }
        return .object([
            ("$schema", .string("http://cyclonedx.org/schema/bom-1.6.schema.json")),
            ("bomFormat", .string("CycloneDX")),
            ("specVersion", .string(specVersion)),
            ("serialNumber", .string("urn:uuid:" + inventory.documentUUID)),
            ("version", .int(1)),
            ("metadata", .object(metadata)),
            ("components", .array(components)),
            ("dependencies", .array([.object([("ref", .string(root.ref)), ("dependsOn", .array(dependsOn))])])),
        ])
    }

    /// The document as pretty-printed JSON text with a trailing newline.
    public static func encode(_ inventory: Inventory) -> String { document(inventory).serialized() + "\n" }

    /// `bom-ref` of the operating-system component.
    static func osReference(_ os: OperatingSystem) -> String {
        "os-" + PackageIdentity.idString(os.id, limit: 64) + "-"
            + PackageIdentity.idString(os.versionID ?? "unknown", limit: 64)
    }

    /// CycloneDX component type for a package type.
    static func componentType(_ type: PackageType) -> String { type == .binary ? "application" : "library" }

    private static func properties(_ pairs: [(String, String)]) -> JSONValue {
        var seen = Set<String>()
        return .array(
            pairs.compactMap { name, value in
                seen.insert(name + "\u{0}" + value).inserted
                    ? .object([("name", .string(name)), ("value", .string(value))]) : nil
            }
        )
    }

    private static func rootComponent(_ subject: Inventory.Subject) -> (ref: String, value: JSONValue) {
        switch subject {
        case .directory(let path):
            let ref = "directory-" + PackageIdentity.idString(path, limit: 96)
            return (ref, .object([("bom-ref", .string(ref)), ("type", .string("file")), ("name", .string(path))]))
        case .image(let image):
            let name = ImageName(image)
            let purl = name.purl
            let ref = purl ?? "image-" + PackageIdentity.idString(name.displayName, limit: 96)
            var props: [(String, String)] = [("bulkhead:image:reference", image.reference)]
            props += image.repoTags.map { ("bulkhead:image:tag", $0) }
            if let d = image.manifestDigest { props.append(("bulkhead:image:manifestDigest", d)) }
            if let d = image.configDigest { props.append(("bulkhead:image:id", d)) }
            if let v = image.os { props.append(("bulkhead:image:os", v)) }
            if let v = image.architecture { props.append(("bulkhead:image:architecture", v)) }
            if let v = image.variant { props.append(("bulkhead:image:variant", v)) }
            for (index, layer) in image.layers.enumerated() {
                let prefix = "bulkhead:image:layer:\(index):"
                if let v = layer.diffID { props.append((prefix + "diffID", v)) }
                if let v = layer.digest { props.append((prefix + "digest", v)) }
                if let v = layer.mediaType { props.append((prefix + "mediaType", v)) }
                if let v = layer.size { props.append((prefix + "size", String(v))) }
            }
            let value = JSONValue.compactObject([
                ("bom-ref", .string(ref)),
                ("type", .string("container")),
                ("name", .string(name.repository)),
                ("version", name.version.map(JSONValue.string)),
                ("purl", purl.map(JSONValue.string)),
                ("properties", properties(props)),
            ])
            return (ref, value)
        }
    }

    private static func osComponent(_ os: OperatingSystem, ref: String) -> JSONValue {
        var props: [(String, String)] = []
        if let v = os.codename { props.append(("bulkhead:os:codename", v)) }
        props += os.idLike.map { ("bulkhead:os:idLike", $0) }
        if os.isDistroless { props.append(("bulkhead:os:distroless", "true")) }
        return .compactObject([
            ("bom-ref", .string(ref)),
            ("type", .string("operating-system")),
            ("name", .string(os.id)),
            ("version", os.versionID.map(JSONValue.string)),
            ("description", os.prettyName.map(JSONValue.string)),
            ("properties", props.isEmpty ? nil : properties(props)),
        ])
    }

    private static func component(_ p: Package, id: String, layers: [LayerInfo]) -> JSONValue {
        var props: [(String, String)] = [("bulkhead:type", p.type.rawValue), ("bulkhead:foundBy", p.foundBy)]
        if let index = p.layerIndex {
            props.append(("bulkhead:layer", String(index)))
            if layers.indices.contains(index), let layerID = layers[index].identifier {
                props.append(("bulkhead:layerID", layerID))
            }
        }
        props += p.locations.map { ("bulkhead:location", $0) }
        if let v = p.sourceName { props.append(("bulkhead:sourceName", v)) }
        if let v = p.sourceVersion { props.append(("bulkhead:sourceVersion", v)) }
        if let v = p.architecture { props.append(("bulkhead:architecture", v)) }
        return .compactObject([
            ("bom-ref", .string(id)),
            ("type", .string(componentType(p.type))),
            ("name", .string(p.name)),
            ("version", p.version.isEmpty ? nil : .string(p.version)),
            ("licenses", LicenseMapping.cycloneDX(p.licenses)),
            ("purl", p.purl.isEmpty ? nil : .string(p.purl)),
            ("properties", properties(props)),
        ])
    }
}
