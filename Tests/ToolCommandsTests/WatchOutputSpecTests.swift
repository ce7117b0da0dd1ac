import ArgumentParser
import TestSupport
import Testing

@testable import ToolCommands

/// `--output` specifications: every kind, options, errors, and fuzzing.
struct WatchOutputSpecTests {
    func parse(_ text: String) throws -> WatchOutputSpec { try WatchOutputSpec(parsing: text) }

    func error(_ text: String) -> String {
        do {
            _ = try WatchOutputSpec(parsing: text)
            return ""
        } catch {
            return error.message
        }
    }

    @Test func parsesEveryKind() throws {
        #expect(try parse("stdout").destination == .standardOutput)
        #expect(try parse("-").destination == .standardOutput)
        #expect(try parse("stdout;format=json").format == .json)
        #expect(
            try parse("file=/var/log/a.json;max-size=10MiB;keep=3").destination
                == .file(path: "/var/log/a.json", maximumBytes: 10 * 1_048_576, keep: 3)
        )
        #expect(
            try parse("file=a.log").destination
                == .file(path: "a.log", maximumBytes: WatchOutputSpec.defaultFileBytes, keep: 5)
        )
        #expect(
            try parse("syslog+tcp://127.0.0.1:1514;facility=local0;app-name=sensor").destination
                == .syslog(transport: .tcp, host: "127.0.0.1", port: 1514, facility: 16, appName: "sensor")
        )
        #expect(
            try parse("syslog://logs.example").destination
                == .syslog(transport: .udp, host: "logs.example", port: 514, facility: 1, appName: "bulkhead")
        )
        #expect(
            try parse("syslog+udp://[::1]:5514").destination
                == .syslog(transport: .udp, host: "::1", port: 5514, facility: 1, appName: "bulkhead")
        )
        let tls = try parse("syslog+tls://siem.example;ca=/etc/ca.pem;cert=c.pem;key=k.pem;server-name=siem;insecure")
        #expect(
            tls.destination
                == .syslog(transport: .tls, host: "siem.example", port: 6514, facility: 1, appName: "bulkhead")
        )
        #expect(
            tls.tls
                == WatchTLSOptions(
                    caFile: "/etc/ca.pem",
                    certificateFile: "c.pem",
                    privateKeyFile: "k.pem",
                    serverName: "siem",
                    verifyPeer: false
                )
        )
        let hook = try parse("webhook=https://siem.example/in?token=t;secret-env=HOOK;retries=4;backoff=1s;timeout=2s")
        #expect(
            hook.destination
                == .webhook(
                    url: "https://siem.example/in?token=t",
                    secret: .environment("HOOK"),
                    retries: 4,
                    backoffSeconds: 1,
                    timeoutSeconds: 2
                )
        )
        #expect(hook.label == "webhook=https://siem.example/in")
        #expect(hook.tls == WatchTLSOptions())
        #expect(try parse("webhook=http://h/x").tls == nil)
        #expect(
            try parse("program=jq -c . ; echo done;format=json").destination
                == .program(command: "jq -c . ; echo done;format=json")
        )
    }

    @Test(arguments: [
        ("bogus", "unknown output 'bogus'"),
        ("file=", "file= needs a path"),
        ("file=a;keep=-1", "keep must be a number 0…1000"),
        ("file=a;max-size=10", "max-size '10' is not a size of at least 1KiB"),
        ("file=a;format=xml", "format must be text or json"),
        ("file=a;keep=1;keep=2", "'keep' given twice"),
        ("file=a;=x", "an option has no name"),
        ("syslog+sctp://h:1", "unknown output"),
        ("syslog+tcp://:514", "has no valid host name"),
        ("syslog+tcp://h:0", "port '0' is not a number 1…65535"),
        ("syslog+tcp://[::1", "'[' without ']'"),
        ("syslog+tcp://h;app-name=a b", "app-name must be 1…48 printable ASCII characters"),
        ("syslog+tls://h;cert=c.pem", "cert= and key= go together"),
        ("syslog+tls://h;insecure=maybe", "insecure takes no value"),
        ("syslog+udp://h;ca=x", "unknown option 'ca'"),
        ("webhook=http://h;secret=abc", "never taken from the command line"),
        ("webhook=http://h;secret-env=A;secret-file=b", "not both"),
        ("webhook=http://h;retries=99", "retries must be a number 0…20"),
        ("webhook=http://h;timeout=0", "timeout must be more than 0"),
        ("webhook=http://h;format=text", "always sends JSON"),
        ("webhook=http://h;backoff=2d", "backoff '2d' is not a duration"),
        ("program=", "program= needs a command"),
    ])
    func rejects(_ text: String, _ message: String) {
        #expect(error(text).contains(message), "\(text): \(error(text))")
    }

    @Test func sizesAndFacilities() {
        #expect(WatchValueParser.byteCount("1048576") == 1_048_576)
        #expect(WatchValueParser.byteCount("512KiB") == 524_288)
        #expect(WatchValueParser.byteCount("10MB") == 10_000_000)
        #expect(WatchValueParser.byteCount("64k") == 65_536)
        #expect(WatchValueParser.byteCount("2TiB") == nil)
        #expect(WatchValueParser.byteCount("-1") == nil)
        #expect(WatchValueParser.byteCount("MiB") == nil)
        #expect(WatchValueParser.syslogFacility("local7") == 23)
        #expect(WatchValueParser.syslogFacility("AUTHPRIV") == 10)
        #expect(WatchValueParser.syslogFacility("23") == 23)
        #expect(WatchValueParser.syslogFacility("24") == nil)
        #expect(WatchValueParser.syslogFacility("local8") == nil)
        #expect(WatchValueParser.syslogFacility("local77") == nil)
    }

    /// Random specifications built from the grammar's pieces never crash the parser; what it accepts has a
    /// label and, for network outputs, a port above 0.
    @Test func fuzz() {
        var random = SplitMix64(seed: 66)
        let pieces = [
            "stdout", "file=", "syslog", "+tcp", "+udp", "+tls", "://", "webhook=", "http://", "https://", "program=",
            "h", "127.0.0.1", "[::1]", ":", "514", "99999", "/", "?", "#", ";", "=", "format", "json", "keep", "5",
            "max-size", "1MiB", "facility", "local3", "app-name", "ca", "cert", "key", "insecure", "secret-env",
            "secret-file", "retries", "timeout", "1s", " ", "é", "\u{0}", "[", "]",
        ]
        for _ in 0..<20_000 {
            let text = (0..<Int(random.next() % 8)).map { _ in random.pick(pieces) }.joined()
            guard let spec = try? WatchOutputSpec(parsing: text) else { continue }
            #expect(!spec.label.isEmpty, "\(text)")
            if case .syslog(_, let host, let port, let facility, _) = spec.destination {
                #expect(port > 0 && !host.isEmpty && (0...23).contains(facility), "\(text)")
            }
        }
    }
}
