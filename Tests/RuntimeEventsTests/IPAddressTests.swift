import RuntimeEvents
import TestSupport
import Testing

@Suite struct IPAddressTests {
    @Test(arguments: [
        ("10.0.0.1", "10.0.0.1"), ("::1", "::1"), ("::", "::"), ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
        ("2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1"), ("::ffff:192.168.1.1", "::ffff:c0a8:101"),
        ("fe80::1:0:0:0", "fe80::1:0:0:0"), ("1:0:0:2:0:0:0:3", "1:0:0:2::3"), ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
        ("1:0:3:4:5:6:7:8", "1:0:3:4:5:6:7:8"),
    ])
    func parsesAndPrintsCanonically(_ input: String, _ expected: String) throws {
        let ip = try #require(IPAddress(input))
        #expect(ip.description == expected)
        #expect(IPAddress(ip.description) == ip)
    }

    @Test(arguments: [
        "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01234.1.1.1", "1..2.3", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "g::1",
        "12345::", "::1.2.3", "1.2.3.4 ", "+1.2.3.4",
    ])
    func rejectsInvalidText(_ input: String) {
        #expect(IPAddress(input) == nil)
    }

    @Test func networksMatchByPrefix() throws {
        let net = try #require(IPNetwork("10.0.0.0/8"))
        #expect(IPAddress("10.200.1.1").map(net.contains) == true)
        #expect(IPAddress("11.0.0.1").map(net.contains) == false)
        #expect(IPAddress("::ffff:a00:1").map(net.contains) == false)
        let v6 = try #require(IPNetwork("fd00::/8"))
        #expect(IPAddress("fd12:3456::1").map(v6.contains) == true)
        let privateNet = try #require(IPNetwork("172.16.0.0/12"))
        #expect(IPAddress("172.31.255.255").map(privateNet.contains) == true)
        #expect(IPAddress("172.32.0.0").map(privateNet.contains) == false)
        let any = try #require(IPNetwork("0.0.0.0/0"))
        #expect(IPAddress("8.8.8.8").map(any.contains) == true)
        #expect(IPNetwork("10.0.0.0/33") == nil)
        #expect(IPNetwork("10.0.0.0/") == nil)
        #expect(IPNetwork("10.0.0.1")?.prefixLength == 32)
    }

    @Test func randomTextNeverCrashesTheParsers() {
        var random = SplitMix64(seed: 0x1F)
        let alphabet = Array("0123456789abcdefABCDEF:./g% ")
        for _ in 0..<5_000 {
            let text = String((0..<Int(random.next() % 45)).map { _ in random.pick(alphabet) })
            if let ip = IPAddress(text) { #expect(IPAddress(ip.description) == ip) }
            _ = IPNetwork(text)
        }
    }
}
