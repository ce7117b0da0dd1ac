import DockerfileLint
import DockerfileSyntax
import SecurityModel
import Testing

struct DF5004Tests {
    let rule = RemoteScriptPipedToShell()

    @Test func firesOnDownloadsPipedIntoAnInterpreter() {
        let source = """
            FROM debian:12
            RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
            RUN wget -qO- https://example.com/install.sh | sh
            RUN curl -sSL https://example.com/install.sh | sudo -E bash -s -- --yes
            RUN curl -sS https://bootstrap.pypa.io/get-pip.py | python3
            RUN curl -fsSL https://example.com/i.sh | tee /tmp/log | sh
            RUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"
            RUN bash <(curl -s https://example.com/install.sh)
            RUN apt-get update && curl https://example.com/x.sh | /bin/bash
            RUN eval "$(wget -qO- https://example.com/env.sh)"
            """
        #expect(lines(of: rule, in: source) == Array(2...10))
    }

    @Test func namesTheDownloaderAndShell() throws {
        let v = try #require(
            violations(of: rule, in: "FROM debian:12\nRUN wget -O - https://x.example.com/i.sh | bash\n").first
        )
        #expect(v.message == "RUN pipes a script downloaded with wget into bash without verifying it")
    }

    @Test func staysSilentForVerifiedOrNonExecutingPipelines() {
        let source = """
            FROM debian:12
            RUN curl -fsSL https://example.com/key.gpg | gpg --dearmor -o /usr/share/keyrings/x.gpg
            RUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt
            RUN curl -fsSLo i.sh https://example.com/i.sh && echo "abc  i.sh" | sha256sum -c - && sh i.sh
            RUN curl -s https://api.example.com/v | python3 -c 'import json,sys; print(json.load(sys.stdin)["v"])'
            RUN curl -s https://example.com/x | sh -c 'cat > /tmp/x'
            RUN echo "curl https://example.com | sh" > /usr/local/share/doc.txt
            RUN sh -c "echo version $(curl -s https://example.com/version)"
            """
        #expect(lines(of: rule, in: source) == [])
    }

    @Test func checksOnbuildTriggers() {
        #expect(lines(of: rule, in: "FROM debian:12\nONBUILD RUN curl -s https://x.example.com | sh\n") == [2])
    }
}
