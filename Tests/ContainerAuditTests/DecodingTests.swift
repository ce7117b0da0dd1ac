import ContainerAudit
import SecurityModel
import TestSupport
import Testing

@Suite struct DecodingTests {
    @Test func arrayAndObjectForms() throws {
        let one = #"{"Id": "a", "Name": "/web"}"#
        #expect(try ContainerConfig.decode(one, source: "x").map(\.name) == ["web"])
        #expect(try ContainerConfig.decode("[\(one), \(one)]", source: "x").count == 2)
        #expect(try ContainerConfig.decode("[]", source: "x").isEmpty)
    }

    @Test func missingAndNullFieldsAreNil() throws {
        let c = try FixtureLoader.decodeOne(#"{"HostConfig": {"Privileged": null, "CapAdd": null}, "Config": null}"#)
        #expect(c.id == nil)
        #expect(c.image == nil)
        #expect(c.hostConfig?.privileged == nil)
        #expect(c.hostConfig?.capAdd == nil)
        #expect(c.mounts == nil)
    }

    @Test(arguments: [
        (#"{"HostConfig": {"Privileged": "yes"}}"#, "HostConfig.Privileged"),
        (#"{"HostConfig": {"CapAdd": "SYS_ADMIN"}}"#, "HostConfig.CapAdd"),
        (#"{"HostConfig": {"CapAdd": ["A", 3]}}"#, "HostConfig.CapAdd[1]"),
        (#"{"HostConfig": {"Memory": "256m"}}"#, "HostConfig.Memory"),
        (#"{"HostConfig": {"Memory": 1.5}}"#, "HostConfig.Memory"),
        (
            #"{"HostConfig": {"RestartPolicy": {"MaximumRetryCount": true}}}"#,
            "HostConfig.RestartPolicy.MaximumRetryCount"
        ),
        (
            #"{"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": 80}]}}}"#,
            "HostConfig.PortBindings.80/tcp[0].HostPort"
        ),
        (#"{"Mounts": [{"RW": "true"}]}"#, "Mounts[0].RW"),
        (#"{"Mounts": {}}"#, "Mounts"),
        (#"{"Config": []}"#, "Config"),
        (#"{"Name": 7}"#, "Name"),
        (#"{"State": {"Health": {"Status": 1}}}"#, "State.Health.Status"),
        (#"{"NetworkSettings": {"Networks": []}}"#, "NetworkSettings.Networks"),
        (#""just a string""#, ""),
    ])
    func wrongTypesNameTheField(_ json: String, _ field: String) {
        do {
            _ = try ContainerConfig.decode(json, source: "inspect.json")
            Issue.record("expected an error for \(json)")
        } catch {
            #expect(error.code == .wrongType)
            #expect(error.field == field)
            #expect(error.message.hasPrefix("inspect.json: "))
            if !field.isEmpty { #expect(error.message.contains(field)) }
        }
    }

    @Test func fieldPathsInArraysCarryTheIndex() {
        do {
            _ = try ContainerConfig.decode(#"[{}, {"HostConfig": {"Privileged": 1}}]"#, source: "s")
            Issue.record("expected an error")
        } catch {
            #expect(error.field == "[1].HostConfig.Privileged")
        }
    }

    @Test func invalidJSONIsReported() {
        for text in ["", "{", "[{\"Id\": }]", "nul", String(repeating: "[", count: 100_000)] {
            do {
                _ = try ContainerConfig.decode(text, source: "bad.json")
                Issue.record("expected an error for \(text.prefix(20))")
            } catch {
                #expect(error.code == .invalidJSON)
                #expect(error.message.hasPrefix("bad.json: "))
            }
        }
    }

    /// Random byte-level edits of every recorded fixture: decoding either succeeds or throws a
    /// ``ContainerConfigError``, and checks run on whatever decodes.
    @Test func byteMutationsNeverCrash() throws {
        var rng = SplitMix64(seed: 0x5EED_C0DE)
        let names = ["default", "hardened", "privileged", "port-80", "propagation-shared", "docker-socket"]
        let alphabet = Array(#"{}[]":,0123456789-.etrunfalsx \"#.utf8)
        var decoded = 0, failed = 0
        for _ in 0..<400 {
            var bytes = Array(try FixtureLoader.text(rng.pick(names)).utf8)
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let i = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes.remove(at: i)
                case 1: bytes.insert(rng.pick(alphabet), at: i)
                default: bytes[i] = rng.pick(alphabet)
                }
            }
            do {
                let containers = try ContainerConfig.decode(String(decoding: bytes, as: UTF8.self), source: "fuzz")
                for c in containers { _ = ContainerCheckCatalogue.run(c) }
                decoded += 1
            } catch {
                #expect(!error.message.isEmpty)
                failed += 1
            }
        }
        #expect(decoded > 0 && failed > 0)
    }

    /// Structural mutations: a random node of a real inspect document is replaced by a value of another
    /// type. A wrong type must be reported with a non-empty field path (or accepted), never crash.
    @Test func typeMutationsNameAField() throws {
        var rng = SplitMix64(seed: 42)
        let base = try JSONParser.parse(try FixtureLoader.text("hardened"))
        let replacements: [JSONValue] = [
            .null, .bool(true), .int(-1), .double(0.5), .string("x"), .array([.int(1)]), .object([("k", .null)]),
            .int(Int.max), .string(String(repeating: "A", count: 10_000)),
        ]
        var errors = 0
        for _ in 0..<500 {
            let mutated = Self.mutate(base, &rng, replacement: rng.pick(replacements))
            do {
                let containers = try ContainerConfig.decode(mutated.serialized(pretty: false), source: "m")
                for c in containers { _ = ContainerCheckCatalogue.run(c) }
            } catch {
                #expect(error.code == .wrongType)
                #expect(error.message.hasPrefix("m: "))
                errors += 1
            }
        }
        #expect(errors > 0)
    }

    static func mutate(_ value: JSONValue, _ rng: inout SplitMix64, replacement: JSONValue) -> JSONValue {
        switch value {
        case .array(let items) where !items.isEmpty && !rng.oneIn(6):
            var copy = items
            let i = Int(rng.next() % UInt64(items.count))
            copy[i] = mutate(items[i], &rng, replacement: replacement)
            return .array(copy)
        case .object(let pairs) where !pairs.isEmpty && !rng.oneIn(6):
            var copy = pairs
            let i = Int(rng.next() % UInt64(pairs.count))
            copy[i].1 = mutate(pairs[i].1, &rng, replacement: replacement)
            return .object(copy)
        default:
            return replacement
        }
    }

    @Test func hostileValuesDoNotCrashChecks() throws {
        let json = #"""
            {"Name": "/", "Id": "", "AppArmorProfile": "",
             "HostConfig": {"CapAdd": ["", "CAP_", "   "], "Memory": -9223372036854775808, "PidsLimit": -1,
               "CpuShares": 9223372036854775807, "PortBindings": {"": [{"HostPort": "99999999999999999999"}], "x": []},
               "RestartPolicy": {"Name": "ON-FAILURE", "MaximumRetryCount": -5}, "SecurityOpt": ["", "=", ":", "label"],
               "Binds": ["", ":", "::::"]},
             "Mounts": [{}, {"Type": "bind", "Source": "////"}]}
            """#
        let c = try FixtureLoader.decodeOne(json)
        let ids = Set(ContainerCheckCatalogue.run(c).map(\.ruleID))
        #expect(ids.contains("CIS-DOCKER-5.6"))  // "////" is /
        #expect(ids.contains("CIS-DOCKER-5.15"))  // negative retries: unlimited
        #expect(ids.contains("CIS-DOCKER-5.11"))
        #expect(ids.contains("CIS-DOCKER-5.29"))
    }
}
