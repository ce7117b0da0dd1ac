import Foundation
import SecurityModel
import TestSupport
import Testing
import Yams

@testable import YAMLDocuments

/// The regex-free scalar typing must give exactly the answers of the regular-expression rules it replaces:
/// Yams' default resolver for YAML 1.1 and the YAML 1.2 core schema patterns.
@Suite struct PlainScalarTypeTests {
    /// The YAML 1.2 core schema as regular expressions (the reference the hand-written matchers follow).
    static let coreResolver: Resolver = {
        let rules: [(Yams.Tag.Name, String)] = [
            (.null, "^(?:~|null|Null|NULL|)$"),
            (.bool, "^(?:true|True|TRUE|false|False|FALSE)$"),
            (.int, "^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
            (
                .float,
                "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"
            ),
            (.merge, "^<<$"),
        ]
        var resolver = Resolver.basic
        for (tag, pattern) in rules {
            if let rule = try? Resolver.Rule(tag, pattern) { resolver = resolver.appending(rule) }
        }
        return resolver
    }()

    static func expected(_ text: String, _ resolver: Resolver) -> PlainScalarType {
        switch resolver.resolveTag(of: Node.scalar(Node.Scalar(text))) {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .float: return .float
        case .merge: return .merge
        case .timestamp: return .timestamp
        case .value: return .value
        default: return .string
        }
    }

    static let samples = [
        "", "~", "null", "Null", "NULL", "nul", "yes", "Yes", "YES", "yEs", "no", "on", "OFF", "true", "False", "y",
        "0", "00", "007", "08", "0o17", "0o8", "0b101", "0b", "0x1F", "0x", "0xg", "-0", "+12", "1_000", "_1", "1__",
        "190:20:30", "1:60", "1:5", "1:5:", "1.5", "1.", ".5", "+.5", "-.5", ".", "1e5", "1e+5", "1.0e-3", ".5e+3",
        ".5e3",
        "1:30.5", ".inf", "-.Inf", "+.INF", ".nan", "-.nan", ".NaN", "<<", "=", "2024-01-02", "2024-1-2",
        "2024-01-02T10:11:12",
        "2024-1-2 1:02:03.5 +05:30", "2024-01-02t10:11:12Z", "2024-01-02 10:11:12 ", "2024-01-02T10:11:12+0530",
        "8080:80", "22:22", "127.0.0.1:80:80", "1.2.3", "v1.25", "nginx:1.25", "0.5.1", "1e", "e5", "0777", "+0x1A",
    ]

    @Test(arguments: [YAMLDocumentReader.Schema.yaml11, .core])
    func samplesMatchTheRegularExpressions(_ schema: YAMLDocumentReader.Schema) {
        let resolver = schema == .yaml11 ? Resolver.default : Self.coreResolver
        for text in Self.samples {
            #expect(PlainScalarType.of(text, schema: schema) == Self.expected(text, resolver), "'\(text)' (\(schema))")
        }
    }

    @Test(arguments: [YAMLDocumentReader.Schema.yaml11, .core])
    func generatedScalarsMatchTheRegularExpressions(_ schema: YAMLDocumentReader.Schema) {
        let resolver = schema == .yaml11 ? Resolver.default : Self.coreResolver
        let pieces = [
            "0", "1", "5", "7", "9", "_", ":", ".", "-", "+", "e", "E", "x", "o", "b", "a", "F", "inf", "nan", "T", " ",
            "Z", "<<", "~", "2024-", "01", "-02",
        ]
        var rng = SplitMix64(seed: schema == .yaml11 ? 11 : 12)
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let count = Int(rng.next() % 7)
            let text = (0..<count).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            if PlainScalarType.of(text, schema: schema) != Self.expected(text, resolver) { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(Set(mismatches).sorted().prefix(20))")
    }

    @Test func quotedScalarsStayStringsAndPlainOnesAreTyped() throws {
        let doc = try #require(
            try YAMLDocumentReader().read("a: \"true\"\nb: true\nc: '5'\nd: 5\ne: 1.5\nf: ~\ng: yes\nh: 08\n").first?
                .get()
                .value
        )
        #expect(doc["a"] == .string("true"))
        #expect(doc["b"] == .bool(true))
        #expect(doc["c"] == .string("5"))
        #expect(doc["d"] == .int(5))
        #expect(doc["e"] == .double(1.5))
        #expect(doc["f"] == .null)
        #expect(doc["g"] == .bool(true))
        #expect(doc["h"] == .double(8), "08 is not an octal integer, but YAML 1.1's float rule matches it")
        let core = try #require(try YAMLDocumentReader(schema: .core).read("g: yes\np: 22:22\n").first?.get().value)
        #expect(core["g"] == .string("yes"))
        #expect(core["p"] == .string("22:22"))
    }
}
