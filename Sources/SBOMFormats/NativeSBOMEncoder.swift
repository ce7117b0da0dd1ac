public import SecurityModel

/// Bulkhead's own SBOM JSON (`--format json`): every ``Package`` field, the subject, the operating
/// system and the cataloger diagnostics, with a fixed key order. `docs/sbom.schema.json` describes it.
public enum NativeSBOMEncoder {
    /// Version of this document layout; bumped whenever a field changes meaning or disappears.
    public static let schemaVersion = 1

    /// The document as an ordered JSON value.
    public static func document(_ inventory: Inventory) -> JSONValue {
        let content = contentJSON(inventory)
        guard case .object(var pairs) = content else { return content }
        pairs.insert(("documentID", .string("urn:uuid:" + inventory.documentUUID)), at: 1)
        pairs.insert(("created", .string(inventory.created)), at: 2)
        return .object(pairs)
    }

    /// The document as pretty-printed JSON text with a trailing newline.
    public static func encode(_ inventory: Inventory) -> String { document(inventory).serialized() + "\n" }

    /// The document without `documentID` and `created`.
    static func contentJSON(_ inventory: Inventory) -> JSONValue {
        let layers: [LayerInfo]
        if case .image(let image) = inventory.subject { layers = image.layers } else { layers = [] }
        return .object([
            ("schemaVersion", .int(schemaVersion)),
            ("tool", .object([("name", .string(inventory.tool.name)), ("version", .string(inventory.tool.version))])),
            ("source", source(inventory.subject)),
            ("os", inventory.operatingSystem.map(os) ?? .null),
            (
                "packages",
                .array(PackageIdentity.identified(inventory.packages).map { package($0.package, id: $0.id, layers) })
            ),
            ("diagnostics", .array(inventory.diagnostics.map(diagnostic))),
        ])
    }

    private static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    private static func optional(_ i: Int?) -> JSONValue { i.map(JSONValue.int) ?? .null }
    private static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    private static func source(_ subject: Inventory.Subject) -> JSONValue {
        switch subject {
        case .directory(let path):
            return .object([("type", .string("directory")), ("path", .string(path))])
        case .image(let image):
            let name = ImageName(image)
            return .object([
                ("type", .string("image")),
                ("reference", .string(image.reference)),
                ("name", .string(name.repository)),
                ("tag", optional(name.tag)),
                ("manifestDigest", optional(image.manifestDigest)),
                ("configDigest", optional(image.configDigest)),
                ("repoTags", strings(image.repoTags)),
                ("os", optional(image.os)),
                ("architecture", optional(image.architecture)),
                ("variant", optional(image.variant)),
                ("purl", optional(name.purl)),
                (
                    "layers",
                    .array(
                        image.layers.enumerated().map { index, layer in
                            .object([
                                ("index", .int(index)),
                                ("digest", optional(layer.digest)),
                                ("diffID", optional(layer.diffID)),
                                ("mediaType", optional(layer.mediaType)),
                                ("size", optional(layer.size)),
                                ("uncompressedSize", optional(layer.uncompressedSize)),
                                ("createdBy", optional(layer.createdBy)),
                            ])
                        }
                    )
                ),
            ])
        }
    }

    static func os(_ os: OperatingSystem) -> JSONValue {
        .object([
            ("id", .string(os.id)),
            ("versionID", optional(os.versionID)),
            ("codename", optional(os.codename)),
            ("prettyName", optional(os.prettyName)),
            ("idLike", strings(os.idLike)),
            ("distroless", .bool(os.isDistroless)),
        ])
    }

    private static func package(_ p: Package, id: String, _ layers: [LayerInfo]) -> JSONValue {
        let layerID = p.layerIndex.flatMap { layers.indices.contains($0) ? layers[$0].identifier : nil }
        return .object([
            ("id", .string(id)),
            ("name", .string(p.name)),
            ("version", .string(p.version)),
            ("type", .string(p.type.rawValue)),
            ("purl", .string(p.purl)),
            ("sourceName", optional(p.sourceName)),
            ("sourceVersion", optional(p.sourceVersion)),
            ("licenses", strings(p.licenses)),
            ("architecture", optional(p.architecture)),
            ("layerIndex", optional(p.layerIndex)),
            ("layerID", optional(layerID)),
            ("locations", strings(p.locations)),
            ("files", strings(p.files)),
            ("foundBy", .string(p.foundBy)),
        ])
    }

    private static func diagnostic(_ d: InventoryDiagnostic) -> JSONValue {
        .object([("cataloger", .string(d.catalogerID)), ("path", .string(d.path)), ("message", .string(d.message))])
    }
}
