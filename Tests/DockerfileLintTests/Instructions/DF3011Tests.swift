import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3011Tests {
    let rule = ValidExposePort()

    @Test func firesOnOutOfRangePorts() {
        let source = "FROM a:1\nEXPOSE 80 70000\nEXPOSE 65536/udp\nEXPOSE 1-99999\n"
        #expect(lines(of: rule, in: source) == [2, 3, 4])
    }

    @Test func acceptsValidPortsAndVariables() {
        let source = "FROM a:1\nEXPOSE 80 443/tcp 53/UDP 8000-8100 0 65535\nEXPOSE $PORT ${P}\nEXPOSE $LOW-70000\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
