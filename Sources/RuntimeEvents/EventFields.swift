/// The catalogue of Falco fields the event model serves, and the resolution of field references
/// (`proc.aname[2]`, `evt.arg.flags`, `container.label.app`) to them.
public enum EventFields {
    /// Every served field, grouped by class (`evt`, `proc`/`thread`/`user`/`group`, `fd`/`fs`,
    /// `container`/`k8s`).
    public static let all: [FieldDefinition] = eventFields + processFields + descriptorFields + containerFields

    private static let byName: [String: FieldDefinition] = {
        var map: [String: FieldDefinition] = [:]
        for field in all { map[field.name] = field }
        return map
    }()

    /// The definition named exactly `name` (without argument), or nil.
    public static func definition(named name: String) -> FieldDefinition? { byName[name] }

    /// Resolves a field reference as written in a rule: `name`, `name[arg]`, or `name.key` for the fields
    /// that take a key. Nil when the field is not served or the argument does not fit.
    public static func resolve(_ reference: String) -> BoundField? {
        if let open = reference.firstIndex(of: "["), reference.hasSuffix("]") {
            let name = String(reference[..<open])
            let text = String(reference[reference.index(after: open)..<reference.index(before: reference.endIndex)])
            guard let definition = byName[name] else { return nil }
            let isNumber = !text.isEmpty && text.count <= 9 && text.allSatisfy { $0.isASCII && $0.isNumber }
            switch definition.argument {
            case .none: return nil
            case .optionalIndex:
                guard isNumber, let n = Int(text) else { return nil }
                return BoundField(definition: definition, argument: .index(n))
            case .key, .optionalKey:
                guard !text.isEmpty else { return nil }
                // `evt.arg[0]` selects by position.
                if isNumber, name == "evt.arg" || name == "evt.rawarg", let n = Int(text) {
                    return BoundField(definition: definition, argument: .index(n))
                }
                return BoundField(definition: definition, argument: .key(text))
            case .indexOrKey:
                guard !text.isEmpty else { return nil }
                if isNumber, let n = Int(text) { return BoundField(definition: definition, argument: .index(n)) }
                return BoundField(definition: definition, argument: .key(text))
            }
        }
        if let definition = byName[reference] {
            switch definition.argument {
            case .none, .optionalIndex, .optionalKey: return BoundField(definition: definition, argument: nil)
            case .key, .indexOrKey: return nil
            }
        }
        // `evt.arg.flags`, `container.label.app`: the longest keyed field name that prefixes the reference.
        var end = reference.endIndex
        while let dot = reference[..<end].lastIndex(of: ".") {
            let name = String(reference[..<dot])
            if let definition = byName[name], definition.argument == .key || definition.argument == .optionalKey {
                let key = String(reference[reference.index(after: dot)...])
                return key.isEmpty ? nil : BoundField(definition: definition, argument: .key(key))
            }
            end = dot
        }
        return nil
    }

    /// True when `reference` resolves to a served field.
    public static func serves(_ reference: String) -> Bool { resolve(reference) != nil }
}
