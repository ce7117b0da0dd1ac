/// The type a plain (unquoted) YAML scalar resolves to, decided by hand-written matchers instead of regular
/// expressions: the same answers as Yams' `Resolver.default` (YAML 1.1) and the YAML 1.2 core schema rules, at a
/// fraction of the cost (regular-expression tag resolution was a third of the time of loading a manifest).
/// Tests compare both on generated scalars.
enum PlainScalarType: Sendable, Hashable {
    case null, bool, int, float, merge, timestamp, value, string

    /// The type of `text` under `schema` (first matching rule wins, in the resolver's rule order).
    static func of(_ text: String, schema: YAMLDocumentReader.Schema) -> PlainScalarType {
        let bytes = Array(text.utf8)
        switch schema {
        case .yaml11:
            if isBool11(text) { return .bool }
            if isInt11(bytes) { return .int }
            if isFloat11(bytes) { return .float }
            if text == "<<" { return .merge }
            if isNull(text) { return .null }
            if isTimestamp(bytes) { return .timestamp }
            if text == "=" { return .value }
            return .string
        case .core:
            if isNull(text) { return .null }
            if ["true", "True", "TRUE", "false", "False", "FALSE"].contains(text) { return .bool }
            if isIntCore(bytes) { return .int }
            if isFloatCore(bytes) { return .float }
            if text == "<<" { return .merge }
            return .string
        }
    }

    static func isNull(_ text: String) -> Bool { ["~", "null", "Null", "NULL", ""].contains(text) }

    static func isBool11(_ text: String) -> Bool {
        [
            "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON",
            "off", "Off", "OFF",
        ].contains(text)
    }

    // MARK: YAML 1.1 (Yams' default rules)

    static func isInt11(_ b: [UInt8]) -> Bool {
        var c = Cursor(b)
        c.sign()
        let afterSign = c.index
        // [-+]?0b[0-1_]+
        if c.literal("0b"), c.many(binary) >= 1, c.atEnd { return true }
        c.index = afterSign
        // [-+]?0o?[0-7_]+
        if c.literal("0") {
            _ = c.literal("o")
            if c.many(octal) >= 1, c.atEnd { return true }
        }
        c.index = afterSign
        // [-+]?(?:0|[1-9][0-9_]*)
        if c.literal("0"), c.atEnd { return true }
        c.index = afterSign
        if c.one(nonZeroDigit) {
            c.many(decimal)
            if c.atEnd { return true }
        }
        c.index = afterSign
        // [-+]?0x[0-9a-fA-F_]+
        if c.literal("0x"), c.many(hex) >= 1, c.atEnd { return true }
        c.index = afterSign
        // [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
        if c.one(nonZeroDigit) {
            c.many(decimal)
            if c.sexagesimalGroups() >= 1, c.atEnd { return true }
        }
        return false
    }

    static func isFloat11(_ b: [UInt8]) -> Bool {
        var c = Cursor(b)
        // [-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?
        c.sign()
        let afterSign = c.index
        if c.one(digit) {
            c.many(decimal)
            if c.literal(".") { c.many(decimal) }
            let beforeExponent = c.index
            if c.one(exponent) {
                c.sign()
                if c.many(digit) == 0 { c.index = beforeExponent }
            }
            if c.atEnd { return true }
        }
        // [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
        c.index = afterSign
        if c.one(digit) {
            c.many(decimal)
            if c.sexagesimalGroups() >= 1, c.literal(".") {
                c.many(decimal)
                if c.atEnd { return true }
            }
        }
        // [-+]?\.(?:inf|Inf|INF)
        c.index = afterSign
        if c.literal("."), c.literal("inf") || c.literal("Inf") || c.literal("INF"), c.atEnd { return true }
        // \.[0-9_]+(?:[eE][-+][0-9]+)?  and  \.(?:nan|NaN|NAN): no sign
        c.index = 0
        if c.literal(".") {
            let afterDot = c.index
            if c.many(decimal) >= 1 {
                let beforeExponent = c.index
                if c.one(exponent), c.one(signCharacter), c.many(digit) >= 1 {
                } else {
                    c.index = beforeExponent
                }
                if c.atEnd { return true }
            }
            c.index = afterDot
            if c.literal("nan") || c.literal("NaN") || c.literal("NAN"), c.atEnd { return true }
        }
        return false
    }

    /// `YYYY-MM-DD`, or `YYYY-M-D` with a time `(T|t|[ \t]+)H:MM:SS(.fraction)?` and an optional zone.
    static func isTimestamp(_ b: [UInt8]) -> Bool {
        var c = Cursor(b)
        guard c.exactly(4, digit), c.literal("-") else { return false }
        let afterYear = c.index
        if c.exactly(2, digit), c.literal("-"), c.exactly(2, digit), c.atEnd { return true }
        c.index = afterYear
        guard c.oneOrTwo(digit), c.literal("-"), c.oneOrTwo(digit) else { return false }
        if c.one({ $0 == UInt8(ascii: "T") || $0 == UInt8(ascii: "t") }) {
        } else if c.many(space) == 0 {
            return false
        }
        guard c.oneOrTwo(digit), c.literal(":"), c.exactly(2, digit), c.literal(":"), c.exactly(2, digit) else {
            return false
        }
        if c.literal(".") { c.many(digit) }
        let beforeZone = c.index
        c.many(space)
        if c.literal("Z") {
        } else if c.one(signCharacter), c.oneOrTwo(digit) {
            let beforeMinutes = c.index
            if !(c.literal(":") && c.exactly(2, digit)) { c.index = beforeMinutes }
        } else {
            c.index = beforeZone
        }
        return c.atEnd
    }

    // MARK: YAML 1.2 core schema

    static func isIntCore(_ b: [UInt8]) -> Bool {
        var c = Cursor(b)
        c.sign()
        if c.many(digit) >= 1, c.atEnd { return true }
        c.index = 0
        if c.literal("0o"), c.many(octalDigit) >= 1, c.atEnd { return true }
        c.index = 0
        if c.literal("0x"), c.many(hexDigit) >= 1, c.atEnd { return true }
        return false
    }

    static func isFloatCore(_ b: [UInt8]) -> Bool {
        var c = Cursor(b)
        c.sign()
        let afterSign = c.index
        var mantissa = false
        if c.literal(".") {
            mantissa = c.many(digit) >= 1
        } else if c.many(digit) >= 1 {
            mantissa = true
            if c.literal(".") { c.many(digit) }
        }
        if mantissa {
            let beforeExponent = c.index
            if c.one(exponent) {
                c.sign()
                if c.many(digit) == 0 { c.index = beforeExponent }
            }
            if c.atEnd { return true }
        }
        c.index = afterSign
        if c.literal("."), c.literal("inf") || c.literal("Inf") || c.literal("INF"), c.atEnd { return true }
        c.index = 0
        if c.literal("."), c.literal("nan") || c.literal("NaN") || c.literal("NAN"), c.atEnd { return true }
        return false
    }

    // MARK: Character classes

    static func digit(_ c: UInt8) -> Bool { (48...57).contains(c) }
    static func nonZeroDigit(_ c: UInt8) -> Bool { (49...57).contains(c) }
    static func decimal(_ c: UInt8) -> Bool { digit(c) || c == UInt8(ascii: "_") }
    static func binary(_ c: UInt8) -> Bool { c == 48 || c == 49 || c == UInt8(ascii: "_") }
    static func octal(_ c: UInt8) -> Bool { (48...55).contains(c) || c == UInt8(ascii: "_") }
    static func octalDigit(_ c: UInt8) -> Bool { (48...55).contains(c) }
    static func hexDigit(_ c: UInt8) -> Bool { digit(c) || (65...70).contains(c) || (97...102).contains(c) }
    static func hex(_ c: UInt8) -> Bool { hexDigit(c) || c == UInt8(ascii: "_") }
    static func exponent(_ c: UInt8) -> Bool { c == UInt8(ascii: "e") || c == UInt8(ascii: "E") }
    static func signCharacter(_ c: UInt8) -> Bool { c == UInt8(ascii: "-") || c == UInt8(ascii: "+") }
    static func space(_ c: UInt8) -> Bool { c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") }

    /// A position in the scalar's bytes with the few matching steps the rules need.
    struct Cursor {
        let bytes: [UInt8]
        var index = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        mutating func one(_ test: (UInt8) -> Bool) -> Bool {
            guard index < bytes.count, test(bytes[index]) else { return false }
            index += 1
            return true
        }

        @discardableResult
        mutating func many(_ test: (UInt8) -> Bool) -> Int {
            let start = index
            while index < bytes.count, test(bytes[index]) { index += 1 }
            return index - start
        }

        mutating func exactly(_ count: Int, _ test: (UInt8) -> Bool) -> Bool {
            for _ in 0..<count where !one(test) { return false }
            return true
        }

        mutating func oneOrTwo(_ test: (UInt8) -> Bool) -> Bool {
            guard one(test) else { return false }
            _ = one(test)
            return true
        }

        mutating func sign() { _ = one(PlainScalarType.signCharacter) }

        mutating func literal(_ text: StaticString) -> Bool {
            let start = index
            let ok = text.withUTF8Buffer { expected -> Bool in
                for byte in expected {
                    guard index < bytes.count, bytes[index] == byte else { return false }
                    index += 1
                }
                return true
            }
            if !ok { index = start }
            return ok
        }

        /// `(?::[0-5]?[0-9])+`: the number of base-60 groups read (greedy, backtracking the optional digit).
        mutating func sexagesimalGroups() -> Int {
            var groups = 0
            while index < bytes.count, bytes[index] == UInt8(ascii: ":") {
                let start = index
                index += 1
                if index + 1 < bytes.count, (48...53).contains(bytes[index]), PlainScalarType.digit(bytes[index + 1]) {
                    index += 2
                } else if index < bytes.count, PlainScalarType.digit(bytes[index]) {
                    index += 1
                } else {
                    index = start
                    break
                }
                groups += 1
            }
            return groups
        }
    }
}
