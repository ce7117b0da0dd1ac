internal import SecurityModel
internal import Yams

/// One package of a secdb document.
struct SecDBPackage {
    var name: String
    /// Fixed version → entries, in document order.
    var secfixes: [(String, [String])]
}

/// A secdb document reduced to what the parser needs.
struct SecDBDocument {
    var distroversion: String?
    var packages: [SecDBPackage]
}

/// Reads the JSON and YAML spellings of a secdb document.
enum SecDBReader {
    static func read(_ document: FeedDocument) throws(FeedError) -> SecDBDocument {
        let first = document.bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            return try readJSON(document)
        }
        return try readYAML(document)
    }

    // MARK: JSON

    private static func readJSON(_ document: FeedDocument) throws(FeedError) -> SecDBDocument {
        let path = document.path
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes: document.bytes)
        } catch {
            throw FeedError(.malformed, path: path, reason: "secdb JSON: \(error)")
        }
        guard let members = root.objectMembers else {
            throw FeedError(.malformed, path: path, reason: "secdb JSON: the document is not an object")
        }
        let distroversion = try optionalString(root["distroversion"], field: "distroversion", path: path)
        if let packages = root["packages"] {
            guard let items = packages.arrayValue else {
                throw FeedError(.malformed, path: path, reason: "secdb JSON: \"packages\" is not an array")
            }
            var result: [SecDBPackage] = []
            result.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                let field = "packages[\(index)]"
                guard let pkg = item["pkg"] else {
                    throw FeedError(.malformed, path: path, reason: "secdb JSON: \(field) has no \"pkg\" object")
                }
                result.append(try jsonPackage(pkg, field: field + ".pkg", path: path))
            }
            return SecDBDocument(distroversion: distroversion, packages: result)
        }
        if members.contains(where: { $0.0 == "name" }) {
            return SecDBDocument(distroversion: distroversion, packages: [try jsonPackage(root, field: "", path: path)])
        }
        throw FeedError(.malformed, path: path, reason: "secdb JSON: neither \"packages\" nor \"name\" is present")
    }

    private static func jsonPackage(_ value: JSONValue, field: String, path: String) throws(FeedError) -> SecDBPackage {
        let prefix = field.isEmpty ? "" : field + "."
        guard value.objectMembers != nil else {
            throw FeedError(
                .malformed,
                path: path,
                reason: "secdb JSON: \(field.isEmpty ? "package" : field) is not an object"
            )
        }
        guard let name = value["name"]?.nonEmptyString else {
            throw FeedError(.malformed, path: path, reason: "secdb JSON: \(prefix)name is missing or not a string")
        }
        var secfixes: [(String, [String])] = []
        switch value["secfixes"] {
        case nil, .null?:
            break
        case .object(let pairs)?:
            for (version, entries) in pairs {
                switch entries {
                case .null:
                    secfixes.append((version, []))
                case .array(let items):
                    var strings: [String] = []
                    for item in items {
                        guard let text = item.stringValue else {
                            throw FeedError(
                                .malformed,
                                path: path,
                                reason: "secdb JSON: \(prefix)secfixes[\"\(version)\"] holds a non-string entry"
                            )
                        }
                        strings.append(text)
                    }
                    secfixes.append((version, strings))
                default:
                    throw FeedError(
                        .malformed,
                        path: path,
                        reason: "secdb JSON: \(prefix)secfixes[\"\(version)\"] is not an array"
                    )
                }
            }
        default:
            throw FeedError(.malformed, path: path, reason: "secdb JSON: \(prefix)secfixes is not an object")
        }
        return SecDBPackage(name: name, secfixes: secfixes)
    }

    private static func optionalString(_ value: JSONValue?, field: String, path: String) throws(FeedError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let s)?: return s
        default: throw FeedError(.malformed, path: path, reason: "secdb JSON: \"\(field)\" is not a string")
        }
    }

    // MARK: YAML

    private static func readYAML(_ document: FeedDocument) throws(FeedError) -> SecDBDocument {
        let path = document.path
        let text = String(decoding: document.bytes, as: UTF8.self)
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw FeedError(.malformed, path: path, reason: "secdb YAML: \(error)")
        }
        guard let node, let root = node.mapping else {
            throw FeedError(.malformed, path: path, reason: "secdb YAML: the document is not a mapping")
        }
        let distroversion = member(root, "distroversion")?.scalar?.string
        if let packagesNode = member(root, "packages") {
            var result: [SecDBPackage] = []
            if packagesNode.scalar?.string.isEmpty == false || packagesNode.mapping != nil {
                throw FeedError(.malformed, path: path, reason: "secdb YAML: \"packages\" is not a sequence")
            }
            for (index, item) in (packagesNode.sequence ?? []).enumerated() {
                let field = "packages[\(index)]"
                guard let pkg = item.mapping.flatMap({ member($0, "pkg") }) else {
                    throw FeedError(.malformed, path: path, reason: "secdb YAML: \(field) has no \"pkg\" mapping")
                }
                result.append(try yamlPackage(pkg, field: field + ".pkg", path: path))
            }
            return SecDBDocument(distroversion: distroversion, packages: result)
        }
        if member(root, "name") != nil {
            return SecDBDocument(distroversion: distroversion, packages: [try yamlPackage(node, field: "", path: path)])
        }
        throw FeedError(.malformed, path: path, reason: "secdb YAML: neither \"packages\" nor \"name\" is present")
    }

    private static func yamlPackage(_ node: Node, field: String, path: String) throws(FeedError) -> SecDBPackage {
        let prefix = field.isEmpty ? "" : field + "."
        guard let mapping = node.mapping else {
            throw FeedError(
                .malformed,
                path: path,
                reason: "secdb YAML: \(field.isEmpty ? "package" : field) is not a mapping"
            )
        }
        guard let name = member(mapping, "name")?.scalar?.string, !name.isEmpty else {
            throw FeedError(.malformed, path: path, reason: "secdb YAML: \(prefix)name is missing or not a scalar")
        }
        var secfixes: [(String, [String])] = []
        if let fixesNode = member(mapping, "secfixes"),
            !(fixesNode.scalar.map { $0.string.isEmpty || $0.string == "~" || $0.string == "null" } ?? false)
        {
            guard let fixes = fixesNode.mapping else {
                throw FeedError(.malformed, path: path, reason: "secdb YAML: \(prefix)secfixes is not a mapping")
            }
            for (versionNode, entriesNode) in fixes {
                guard let version = versionNode.scalar?.string else {
                    throw FeedError(
                        .malformed,
                        path: path,
                        reason: "secdb YAML: \(prefix)secfixes has a non-scalar key"
                    )
                }
                var strings: [String] = []
                if let sequence = entriesNode.sequence {
                    for item in sequence {
                        guard let text = item.scalar?.string else {
                            throw FeedError(
                                .malformed,
                                path: path,
                                reason: "secdb YAML: \(prefix)secfixes[\"\(version)\"] holds a non-scalar entry"
                            )
                        }
                        strings.append(text)
                    }
                } else if let scalar = entriesNode.scalar {
                    if !scalar.string.isEmpty && scalar.string != "~" && scalar.string != "null" {
                        throw FeedError(
                            .malformed,
                            path: path,
                            reason: "secdb YAML: \(prefix)secfixes[\"\(version)\"] is not a sequence"
                        )
                    }
                } else {
                    throw FeedError(
                        .malformed,
                        path: path,
                        reason: "secdb YAML: \(prefix)secfixes[\"\(version)\"] is not a sequence"
                    )
                }
                secfixes.append((version, strings))
            }
        }
        return SecDBPackage(name: name, secfixes: secfixes)
    }

    /// The value of the plain-scalar key `key` in `mapping`. Compares the key text directly: Yams'
    /// own subscript hashes nodes, which resolves tags with regular expressions and is slow.
    private static func member(_ mapping: Node.Mapping, _ key: String) -> Node? {
        for (name, value) in mapping where name.scalar?.string == key { return value }
        return nil
    }
}
