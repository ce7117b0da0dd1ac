import SecurityModel
import TestSupport
import Testing

struct JSONParserTests {
    struct Malformed: Sendable, CustomTestStringConvertible {
        var text: String
        var offset: Int
        var testDescription: String { "\(text.debugDescription) at \(offset)" }
    }

    @Test(arguments: [
        Malformed(text: "", offset: 0),
        Malformed(text: "   ", offset: 3),
        Malformed(text: "[1,]", offset: 3),
        Malformed(text: "[1 2]", offset: 3),
        Malformed(text: "[1,2", offset: 4),
        Malformed(text: #"{"a" 1}"#, offset: 5),
        Malformed(text: #"{"a":1,}"#, offset: 7),
        Malformed(text: "{a:1}", offset: 1),
        Malformed(text: "{\"a\":1", offset: 6),
        Malformed(text: "tru", offset: 0),
        Malformed(text: "nul", offset: 0),
        Malformed(text: "True", offset: 0),
        Malformed(text: #""abc"#, offset: 4),
        Malformed(text: "\"a\u{1}b\"", offset: 2),
        Malformed(text: #""\x""#, offset: 3),
        Malformed(text: #""\u12G4""#, offset: 5),
        Malformed(text: #""\u12""#, offset: 3),
        Malformed(text: #""\ud83d\u0041""#, offset: 13),
        Malformed(text: "{} x", offset: 3),
        Malformed(text: "[] []", offset: 3),
        Malformed(text: "-", offset: 1),
        Malformed(text: "--1", offset: 1),
        Malformed(text: "- 1", offset: 1),
        Malformed(text: "1e400", offset: 0),
        Malformed(text: "[-1e999]", offset: 1),
        Malformed(text: "+1", offset: 0),
        Malformed(text: "01", offset: 1),
        Malformed(text: "-01", offset: 2),
        Malformed(text: ".5", offset: 0),
        Malformed(text: "1.", offset: 2),
        Malformed(text: "1.e5", offset: 2),
        Malformed(text: "1e", offset: 2),
        Malformed(text: "1e+", offset: 3),
        Malformed(text: "1-2", offset: 1),
        Malformed(text: "1.5.2", offset: 3),
        Malformed(text: "NaN", offset: 0),
        Malformed(text: "Infinity", offset: 0),
        Malformed(text: "'a'", offset: 0),
    ])
    func rejectsMalformedInputWithOffset(_ input: Malformed) {
        #expect(throws: JSONParser.ParseError.self) { try JSONParser.parse(input.text) }
        do {
            _ = try JSONParser.parse(input.text)
        } catch {
            #expect(error.offset == input.offset, "\(error)")
            #expect(error.description.hasPrefix("invalid JSON at byte \(input.offset):"))
        }
    }

    @Test(arguments: [
        ("0", JSONValue.int(0)), ("-0", .int(0)), ("10", .int(10)), ("-7", .int(-7)), ("0.5", .double(0.5)),
        ("-0.0", .double(-0.0)), ("1e3", .double(1000)), ("1E-2", .double(0.01)), ("2.5e+2", .double(250)),
        ("123456789012345678901234567890", .double(1.2345678901234568e29)),
    ])
    func acceptsValidNumbers(_ text: String, _ expected: JSONValue) throws {
        #expect(try JSONParser.parse(text) == expected)
        #expect(try JSONParser.parse("[\(text)]") == .array([expected]))
    }

    @Test func decodesEveryEscape() throws {
        let text = #""\"\\\/\b\f\n\r\t\u00e9\u20AC\ud83d\ude00""#
        #expect(try JSONParser.parse(text) == .string("\"\\/\u{8}\u{C}\n\r\té€😀"))
    }

    @Test func loneSurrogatesBecomeReplacementCharacters() throws {
        #expect(try JSONParser.parse(#""\ud83dX\ude42""#) == .string("\u{FFFD}X\u{FFFD}"))
    }

    @Test func rejectsInvalidUTF8InsideStrings() {
        #expect(throws: JSONParser.ParseError.self) { try JSONParser.parse(bytes: [0x22, 0xFF, 0x22]) }
        #expect(throws: JSONParser.ParseError.self) { try JSONParser.parse(bytes: [0x22, 0xC3, 0x22]) }
        #expect(throws: JSONParser.ParseError.self) { try JSONParser.parse(bytes: [0xEF, 0xBB, 0xBF, 0x31]) }
    }

    @Test func acceptsSurroundingWhitespace() throws {
        #expect(
            try JSONParser.parse(" \t\r\n[ 1 , { \"a\" : null } ]\n ") == .array([.int(1), .object([("a", .null)])])
        )
    }

    @Test func randomBytesNeverCrash() {
        var generator = SplitMix64(seed: 0x5EED)
        let alphabet = Array("{}[]:,\"\\/ \t\n0123456789-+.eEtrufalsn\u{1}é".utf8)
        var accepted = 0
        for _ in 0..<4000 {
            let length = Int.random(in: 0...48, using: &generator)
            let bytes = (0..<length).map { _ -> UInt8 in
                Bool.random(using: &generator)
                    ? alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                    : UInt8.random(in: 0...255, using: &generator)
            }
            do {
                let value = try JSONParser.parse(bytes: bytes)
                accepted += 1
                // Whatever is accepted must survive a round trip through the writer.
                #expect(try JSONParser.parse(value.serialized()) == value || Self.containsDouble(value))
            } catch {
                #expect((0...bytes.count).contains(error.offset), "offset \(error.offset) outside \(bytes)")
            }
        }
        #expect(accepted > 0)
    }

    @Test func randomMutationsOfValidDocumentsNeverCrash() {
        var generator = SplitMix64(seed: 0xC0FFEE)
        let base = Array(#"{"a":[1,2.5,-3e2,true,false,null,"x\n\u00e9"],"b":{"c":{}}}"#.utf8)
        for _ in 0..<3000 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.remove(at: index)
                default: bytes.insert(bytes[index], at: index)
                }
                if bytes.isEmpty { break }
            }
            do {
                _ = try JSONParser.parse(bytes: bytes)
            } catch {
                #expect((0...bytes.count).contains(error.offset))
            }
        }
    }

    @Test func deepNestingFailsCleanly() {
        let depth = 10_000
        let inputs = [
            String(repeating: "[", count: depth),
            String(repeating: "[", count: depth) + String(repeating: "]", count: depth),
            String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth),
            String(repeating: "[{\"k\":", count: depth),
        ]
        for input in inputs {
            do {
                _ = try JSONParser.parse(input)
                Issue.record("nesting of \(depth) was accepted")
            } catch {
                #expect(error.reason.contains("nesting"), "\(error)")
                #expect(error.offset > 0 && error.offset < input.utf8.count)
            }
        }
    }

    @Test func nestingBelowTheLimitIsAccepted() throws {
        let depth = JSONParser.maximumDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try JSONParser.parse(text)
        var levels = 0
        while case .array(let items) = value {
            levels += 1
            guard let first = items.first else { break }
            value = first
        }
        #expect(levels == depth)
        #expect(throws: JSONParser.ParseError.self) { try JSONParser.parse("[" + text + "]") }
    }

    @Test func accessorsReadMembers() throws {
        let value = try JSONParser.parse(#"{"a":"x","b":[1],"a":"y"}"#)
        #expect(value["a"]?.stringValue == "x")
        #expect(value["b"]?.arrayValue == [.int(1)])
        #expect(value["missing"] == nil)
        #expect(JSONValue.int(1)["a"] == nil)
        #expect(JSONValue.int(1).stringValue == nil)
    }

    private static func containsDouble(_ value: JSONValue) -> Bool {
        switch value {
        case .double: true
        case .array(let items): items.contains(where: containsDouble)
        case .object(let pairs): pairs.contains { containsDouble($0.1) }
        default: false
        }
    }
}
