import SecurityModel
import TestSupport
import Testing

struct JSONRoundTripTests {
    static let handwritten: [JSONValue] = [
        .null, .bool(true), .bool(false), .int(0), .int(-42), .int(Int.max), .int(Int.min),
        .double(0.5), .double(-1.25e-7), .double(6.02214076e23), .string(""),
        .string("quote \" backslash \\ slash / newline \n tab \t cr \r nul \u{0} bell \u{7} del \u{7F}"),
        .string("unicode: é 漢字 🙂 \u{2028} \u{FEFF}"),
        .array([]), .object([]),
        .object([
            ("z", .int(1)), ("a", .array([.null, .string("x"), .object([("k", .bool(false))])])), ("", .string("")),
        ]),
    ]

    @Test(arguments: handwritten)
    func serializedValueParsesBackEqual(_ value: JSONValue) throws {
        #expect(try JSONParser.parse(value.serialized(pretty: true)) == value)
        #expect(try JSONParser.parse(value.serialized(pretty: false)) == value)
    }

    @Test func objectKeyOrderIsKept() throws {
        let value = JSONValue.object([("b", .int(1)), ("a", .int(2)), ("c", .int(3))])
        #expect(value.serialized(pretty: false) == #"{"b":1,"a":2,"c":3}"#)
        guard case .object(let pairs) = try JSONParser.parse(value.serialized()) else {
            Issue.record("not an object")
            return
        }
        #expect(pairs.map(\.0) == ["b", "a", "c"])
    }

    @Test func compactObjectLeavesOutNilMembers() {
        let value = JSONValue.compactObject([("a", .int(1)), ("b", nil), ("c", .null)])
        #expect(value.serialized(pretty: false) == #"{"a":1,"c":null}"#)
    }

    @Test func controlCharactersAreEscaped() {
        let text = JSONValue.string("a\u{1}b\u{1F}c\u{8}\u{C}").serialized(pretty: false)
        #expect(text == #""a\u0001b\u001fc\b\f""#)
    }

    @Test func parsesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#"["\u00e9\ud83d\ude42\/\b\f\n\r\t\"\\"]"#)
        #expect(value == .array([.string("é🙂/\u{8}\u{C}\n\r\t\"\\")]))
    }

    @Test func randomValuesRoundTrip() throws {
        var generator = SplitMix64(seed: 0xB01D_FACE)
        for _ in 0..<500 {
            let value = Self.randomValue(depth: 0, using: &generator)
            #expect(try JSONParser.parse(value.serialized(pretty: true)) == value)
            #expect(try JSONParser.parse(value.serialized(pretty: false)) == value)
        }
    }

    /// Random values whose serialisation is canonical: doubles are never integral (an integral double
    /// is written as an integer and reads back as `.int`).
    static func randomValue(depth: Int, using generator: inout SplitMix64) -> JSONValue {
        let kind = Int.random(in: 0..<(depth > 4 ? 5 : 7), using: &generator)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .int(Int.random(in: Int.min...Int.max, using: &generator))
        case 3:
            let d = Double.random(in: -1e6...1e6, using: &generator)
            return .double(d == d.rounded() ? d + 0.5 : d)
        case 4: return .string(randomString(using: &generator))
        case 5:
            return .array(
                (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                    randomValue(depth: depth + 1, using: &generator)
                }
            )
        default:
            return .object(
                (0..<Int.random(in: 0...4, using: &generator)).map { index in
                    ("\(index)" + randomString(using: &generator), randomValue(depth: depth + 1, using: &generator))
                }
            )
        }
    }

    static func randomString(using generator: inout SplitMix64) -> String {
        let pool: [Unicode.Scalar] = [
            "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "é", "漢", "🙂",
            "\u{2028}", "\u{FFFF}", "<", "&",
        ]
        var out = ""
        for _ in 0..<Int.random(in: 0...8, using: &generator) {
            out.unicodeScalars.append(pool[Int.random(in: 0..<pool.count, using: &generator)])
        }
        return out
    }
}
