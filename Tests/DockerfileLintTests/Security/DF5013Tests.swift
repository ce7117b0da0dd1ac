import DockerfileLint
import DockerfileSyntax
import SecurityModel
import Testing

struct DF5013Tests {
    let rule = InsecureRunSecurityMode()

    @Test func firesOnInsecureSecurityMode() {
        let source = """
            # syntax=docker/dockerfile:1-labs
            FROM alpine:3.20
            RUN --security=insecure mount -t tmpfs none /mnt
            RUN --network=none --security=insecure echo hi
            ONBUILD RUN --security=insecure echo hi
            """
        #expect(lines(of: rule, in: source) == [3, 4, 5])
    }

    @Test func staysSilentForSandboxedRuns() {
        let source = """
            FROM alpine:3.20
            RUN --security=sandbox echo hi
            RUN echo --security=insecure
            """
        #expect(lines(of: rule, in: source) == [])
    }
}
