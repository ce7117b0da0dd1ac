/// The `%field` references of a rule's `output` format string.
enum OutputFormat {
    /// The field references in `output`, as written (`proc.name`, `proc.aname[2]`, `evt.arg.flags`); a
    /// transformer call (`%tolower(proc.name)`) yields the field inside it. `%%` is a literal percent sign; a `%` not followed by a field name is
    /// literal text.
    static func fieldReferences(in output: String) -> [String] {
        let scalars = Array(output.unicodeScalars)
        var references: [String] = []
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "%" else {
                index += 1
                continue
            }
            index += 1
            if index < scalars.count, scalars[index] == "%" {
                index += 1
                continue
            }
            var reference = ""
            // `%tolower(proc.name)`: skip nested transformer names.
            var depth = 0
            while true {
                let start = index
                while index < scalars.count, isNameScalar(scalars[index]) { index += 1 }
                guard index < scalars.count, scalars[index] == "(", index > start else {
                    reference = String(String.UnicodeScalarView(scalars[start..<index]))
                    break
                }
                depth += 1
                index += 1
            }
            if index < scalars.count, scalars[index] == "[", !reference.isEmpty {
                var end = index + 1
                while end < scalars.count, scalars[end] != "]" { end += 1 }
                if end < scalars.count {
                    reference += String(String.UnicodeScalarView(scalars[index...end]))
                    index = end + 1
                }
            }
            while depth > 0, index < scalars.count, scalars[index] == ")" {
                depth -= 1
                index += 1
            }
            if !reference.isEmpty { references.append(reference) }
        }
        return references
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", ".": return true
        default: return false
        }
    }
}
