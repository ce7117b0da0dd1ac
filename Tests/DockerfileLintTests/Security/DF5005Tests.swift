import DockerfileLint
import DockerfileSyntax
import SecurityModel
import Testing

struct DF5005Tests {
    let rule = RemoteAddWithoutChecksum()

    @Test func firesOnRemoteAddWithoutChecksum() {
        let source = """
            FROM alpine:3.20
            ADD https://example.com/app.tar.gz /opt/
            ADD http://example.com/tool /usr/local/bin/tool
            ADD https://github.com/moby/buildkit.git#v0.14.0 /src
            ADD git@github.com:moby/buildkit.git /src
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5])
    }

    @Test func hidesCredentialsInTheMessage() throws {
        let v = try #require(
            violations(of: rule, in: "FROM alpine:3.20\nADD https://bob:hunter2@example.com/f /f\n").first
        )
        #expect(!v.message.contains("hunter2"))
        #expect(v.message.contains("https://***@example.com/f"))
    }

    @Test func staysSilentForChecksumsCommitsAndLocalFiles() {
        let source = """
            FROM alpine:3.20
            ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3 https://example.com/app.tar.gz /opt/
            ADD https://github.com/moby/buildkit.git#d9b7d4a5b0ac8c0b6a0e0b1b2c3d4e5f6a7b8c9d /src
            ADD app.tar.gz /opt/
            ADD ./config /etc/app/
            COPY https-notes.txt /docs/
            """
        #expect(lines(of: rule, in: source) == [])
    }
}
