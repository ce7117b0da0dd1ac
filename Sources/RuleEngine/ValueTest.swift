import FalcoCondition
import RuntimeEvents

/// One comparison's right-hand side, converted once: a test applied to an extracted field value.
struct ValueTest: Sendable {
    typealias Scalar = @Sendable (FieldValue) -> Bool

    private let scalar: Scalar
    /// `in` on a list-typed field: every element must be in the set.
    private let everyElement: Bool
    /// `!=`: the negation of `=` on a present value.
    private let negated: Bool

    private init(_ scalar: @escaping Scalar, everyElement: Bool = false, negated: Bool = false) {
        self.scalar = scalar
        self.everyElement = everyElement
        self.negated = negated
    }

    /// True when `value` passes.
    func matches(_ value: FieldValue) -> Bool {
        let result = holds(value)
        return negated ? !result : result
    }

    /// ``matches(_:)`` of `.list` of the present values among `first` and `second` (false when neither is), without
    /// building the list.
    func matchesList(_ first: FieldValue?, _ second: FieldValue?) -> Bool {
        var count = 0
        var all = true
        var any = false
        if let first {
            count += 1
            let result = holds(first)
            all = all && result
            any = any || result
        }
        if let second {
            count += 1
            let result = holds(second)
            all = all && result
            any = any || result
        }
        guard count > 0 else { return false }
        let result = everyElement ? all : any
        return negated ? !result : result
    }

    private func holds(_ value: FieldValue) -> Bool {
        guard case .list(let items) = value else { return scalar(value) }
        if everyElement { return !items.isEmpty && items.allSatisfy { holds($0) } }
        return items.contains { holds($0) }
    }

    // MARK: - Construction

    static func make(
        _ op: ComparisonOperator,
        modifier: ListModifier?,
        fieldType: FieldType,
        literals: [String],
        field: String,
        isListValue: Bool = false
    ) throws(ConditionCompileError) -> ValueTest {
        if let modifier {
            var built: [Scalar] = []
            for literal in literals { built.append(try scalarTest(op, fieldType, literal, field: field)) }
            let tests = built
            switch modifier {
            case .anyof: return ValueTest { value in tests.contains { $0(value) } }
            case .allof: return ValueTest { value in !tests.isEmpty && tests.allSatisfy { $0(value) } }
            case .oneof: return ValueTest { value in tests.count { $0(value) } == 1 }
            }
        }
        switch op {
        case .in, .intersects:
            return ValueTest(
                try setTest(fieldType, literals, field: field),
                everyElement: op == .in && fieldType == .list
            )
        case .pmatch:
            let prefixes = literals.map { PathPrefixPattern(normalizedPrefix($0)) }
            return ValueTest { value in
                let path = value.text
                return prefixes.contains { $0.matches(path) }
            }
        case .notEqual:
            return ValueTest(try anyOf(.equal, fieldType, literals, field: field), negated: true)
        default:
            guard !literals.isEmpty else {
                throw ConditionCompileError(code: .invalidValue, message: "\(field) \(op.rawValue) has no value")
            }
            _ = isListValue
            return ValueTest(try anyOf(op, fieldType, literals, field: field))
        }
    }

    private static func anyOf(
        _ op: ComparisonOperator,
        _ type: FieldType,
        _ literals: [String],
        field: String
    ) throws(ConditionCompileError) -> Scalar {
        var built: [Scalar] = []
        for literal in literals { built.append(try scalarTest(op, type, literal, field: field)) }
        let tests = built
        if tests.count == 1 { return tests[0] }
        return { value in tests.contains { $0(value) } }
    }

    private static func scalarTest(
        _ op: ComparisonOperator,
        _ type: FieldType,
        _ literal: String,
        field: String
    ) throws(ConditionCompileError) -> Scalar {
        switch op {
        case .equal:
            return try equality(type, literal, field: field)
        case .notEqual:
            let equal = try equality(type, literal, field: field)
            return { !equal($0) }
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            return try ordering(op, type, literal, field: field)
        case .contains:
            let needle = Array(literal.utf8)
            if type == .flags {
                return { value in
                    if case .flags(let flags) = value { return flags.contains(literal) }
                    return contains(value.text, needle)
                }
            }
            return { contains($0.text, needle) }
        case .icontains:
            let needle = Array(literal.lowercased().utf8)
            return { contains($0.text.lowercased(), needle) }
        case .bcontains, .bstartswith:
            guard let needle = hexBytes(literal) else {
                throw ConditionCompileError(
                    code: .invalidValue,
                    message: "\(field) \(op.rawValue): '\(literal)' is not an even-length hex string"
                )
            }
            if op == .bcontains { return { contains($0.text, needle) } }
            return { $0.text.utf8.starts(with: needle) }
        case .startswith:
            let prefix = Array(literal.utf8)
            return { $0.text.utf8.starts(with: prefix) }
        case .endswith:
            let suffix = Array(literal.utf8)
            return { value in
                EvaluationScope.withBytes(value.text) { text in
                    suffix.withUnsafeBufferPointer { Bytes.hasSuffix(text, $0) }
                }
            }
        case .glob, .iglob:
            let pattern = GlobPattern(literal, ignoringCase: op == .iglob)
            return { pattern.matches($0.text) }
        case .regex:
            let regex: Regex<AnyRegexOutput>
            do {
                regex = try Regex(literal)
            } catch {
                throw ConditionCompileError(
                    code: .invalidRegex,
                    message: "\(field) regex: '\(literal)' is not a valid regular expression"
                )
            }
            let compiled = CompiledRegex(regex: regex)
            return { compiled.wholeMatches($0.text) }
        case .in, .intersects:
            return try setTest(type, [literal], field: field)
        case .pmatch:
            let prefix = PathPrefixPattern(normalizedPrefix(literal))
            return { prefix.matches($0.text) }
        }
    }

    private static func equality(_ type: FieldType, _ literal: String, field: String) throws(ConditionCompileError)
        -> Scalar
    {
        switch type {
        case .number:
            guard let number = parseNumber(literal) else { throw notA("number", literal, field) }
            return { numberValue($0) == number }
        case .boolean:
            guard let flag = parseBool(literal) else { throw notA("boolean", literal, field) }
            return { boolValue($0) == flag }
        case .ip, .ipnet:
            if type == .ip, let address = IPAddress(literal) { return { ipValue($0) == address } }
            guard let network = IPNetwork(literal) else { throw notA("IP address or network", literal, field) }
            return { ipValue($0).map(network.contains) ?? false }
        case .flags:
            let number = parseNumber(literal)
            return { value in
                if case .flags(let flags) = value {
                    return flags.description == literal || number == Int64(truncatingIfNeeded: flags.raw)
                }
                return value.text == literal
            }
        case .string, .list:
            return { $0.text == literal }
        }
    }

    private static func ordering(
        _ op: ComparisonOperator,
        _ type: FieldType,
        _ literal: String,
        field: String
    ) throws(ConditionCompileError) -> Scalar {
        let compare: @Sendable (Int) -> Bool
        switch op {
        case .less: compare = { $0 < 0 }
        case .lessOrEqual: compare = { $0 <= 0 }
        case .greater: compare = { $0 > 0 }
        default: compare = { $0 >= 0 }
        }
        if let number = parseNumber(literal) {
            return { value in
                guard let left = numberValue(value) else { return false }
                return compare(left < number ? -1 : left == number ? 0 : 1)
            }
        }
        guard type == .string else { throw notA("number", literal, field) }
        return { value in
            let text = value.text
            return compare(text < literal ? -1 : text == literal ? 0 : 1)
        }
    }

    private static func setTest(_ type: FieldType, _ literals: [String], field: String) throws(ConditionCompileError)
        -> Scalar
    {
        switch type {
        case .number:
            var numbers: Set<Int64> = []
            for literal in literals {
                guard let number = parseNumber(literal) else { throw notA("number", literal, field) }
                numbers.insert(number)
            }
            let set = numbers
            return { numberValue($0).map(set.contains) ?? false }
        case .boolean:
            var flags: Set<Bool> = []
            for literal in literals {
                guard let flag = parseBool(literal) else { throw notA("boolean", literal, field) }
                flags.insert(flag)
            }
            let set = flags
            return { boolValue($0).map(set.contains) ?? false }
        case .ip, .ipnet:
            var networks: [IPNetwork] = []
            for literal in literals {
                guard let network = IPNetwork(literal) else {
                    throw notA("IP address or network", literal, field)
                }
                networks.append(network)
            }
            let all = networks
            return { value in
                guard let address = ipValue(value) else { return false }
                return all.contains { $0.contains(address) }
            }
        case .flags:
            let names = Set(literals)
            return { value in
                if case .flags(let flags) = value { return flags.names.contains(where: names.contains) }
                return names.contains(value.text)
            }
        case .string, .list:
            let texts = Set(literals)
            return { texts.contains($0.text) }
        }
    }

    // MARK: - Value conversion

    private static func notA(_ kind: String, _ literal: String, _ field: String) -> ConditionCompileError {
        ConditionCompileError(code: .invalidValue, message: "\(field): '\(literal)' is not a \(kind)")
    }

    /// Parses `0x1F`, `-3`, `+7`, `42`, or an integral decimal such as `1e3`.
    static func parseNumber(_ text: String) -> Int64? {
        var body = Substring(text)
        var negative = false
        if let first = body.first, first == "-" || first == "+" {
            negative = first == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty else { return nil }
        let magnitude: Int64?
        if body.hasPrefix("0x") || body.hasPrefix("0X") {
            magnitude = Int64(body.dropFirst(2), radix: 16)
        } else if let integer = Int64(body) {
            magnitude = integer
        } else if let real = Double(body), real.isFinite, real == real.rounded(), abs(real) < 9.2e18 {
            magnitude = Int64(real)
        } else {
            magnitude = nil
        }
        guard let magnitude else { return nil }
        return negative ? -magnitude : magnitude
    }

    private static func parseBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    private static func numberValue(_ value: FieldValue) -> Int64? {
        switch value {
        case .number(let n): return n
        case .boolean(let b): return b ? 1 : 0
        case .string(let s): return parseNumber(s)
        case .flags(let f): return Int64(truncatingIfNeeded: f.raw)
        case .ip, .list: return nil
        }
    }

    private static func boolValue(_ value: FieldValue) -> Bool? {
        switch value {
        case .boolean(let b): return b
        case .number(let n): return n != 0
        case .string(let s): return parseBool(s)
        case .ip, .flags, .list: return nil
        }
    }

    private static func ipValue(_ value: FieldValue) -> IPAddress? {
        switch value {
        case .ip(let address): return address
        case .string(let s): return IPAddress(s)
        default: return nil
        }
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index < digits.count {
            guard let high = hexDigit(digits[index]), let low = hexDigit(digits[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func hexDigit(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// True when the UTF-8 of `text` contains `needle`; allocates nothing.
    static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
        EvaluationScope.withBytes(text) { haystack in needle.withUnsafeBufferPointer { Bytes.contains(haystack, $0) } }
    }

    static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count)
        where haystack[start] == needle[0] && haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }

    // MARK: - pmatch

    private static func normalizedPrefix(_ text: String) -> String {
        var prefix = text
        while prefix.count > 1, prefix.hasSuffix("/") { prefix.removeLast() }
        return prefix
    }

    /// True when `prefix` names `path` or one of its ancestor directories (whole components; a component of
    /// the prefix may be a glob).
    static func pathMatches(_ path: String, prefix: String) -> Bool {
        if prefix == "/" { return path.hasPrefix("/") }
        if !GlobPattern.hasWildcards(prefix) {
            let p = Array(prefix.utf8)
            let t = Array(path.utf8)
            guard t.starts(with: p) else { return false }
            return t.count == p.count || t[p.count] == UInt8(ascii: "/")
        }
        let wanted = prefix.split(separator: "/", omittingEmptySubsequences: false)
        let actual = path.split(separator: "/", omittingEmptySubsequences: false)
        guard actual.count >= wanted.count else { return false }
        for (pattern, component) in zip(wanted, actual)
        where !GlobPattern(String(pattern)).matches(String(component)) {
            return false
        }
        return true
    }
}
