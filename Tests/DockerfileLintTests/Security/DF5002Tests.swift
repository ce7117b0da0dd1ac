import DockerfileLint
import DockerfileSyntax
import SecurityModel
import Testing

struct DF5002Tests {
    let rule = SecretInRunCommand()

    @Test func firesOnCredentialsInCommands() {
        let source = """
            FROM alpine:3.20
            RUN curl -u admin:hunter2 https://repo.example.com/file -o /tmp/file
            RUN curl --user=admin:hunter2 https://repo.example.com/file
            RUN mysql --password=hunter2 -e 'select 1'
            RUN some-cli login --token abcdef123456
            RUN echo "\(FakeSecrets.github)" > /root/.token
            RUN export GITHUB_TOKEN=abcdef123456 && make
            RUN NPM_TOKEN=abcdef123456 npm install
            RUN echo 'root:Docker!' | chpasswd
            RUN echo hunter2 | docker login --username bob --password-stdin registry.example.com
            RUN curl -H "Authorization: Bearer abcdef123456" https://api.example.com
            RUN git clone https://bob:hunter2@git.example.com/repo.git
            RUN docker login -p hunter2 -u bob registry.example.com
            RUN htpasswd -bc /etc/nginx/.htpasswd admin s3cretpw
            """
        #expect(lines(of: rule, in: source) == Array(2...14))
    }

    @Test func neverShowsTheSecret() throws {
        let source =
            "FROM alpine:3.20\nRUN curl -u admin:hunter2 https://x.example.com && echo 'root:Docker!' | chpasswd\n"
        let v = try #require(violations(of: rule, in: source).first)
        #expect(!v.message.contains("hunter2"))
        #expect(!v.message.contains("Docker!"))
        #expect(Set(v.redactions) == ["hunter2", "Docker!"])
        #expect(v.message.contains("password in curl credentials"))
        #expect(v.message.contains("password piped into chpasswd"))
    }

    @Test func staysSilentForVariablesAndSecretMounts() {
        let source = """
            FROM alpine:3.20
            RUN curl -u "$USER:$PASSWORD" https://repo.example.com/file
            RUN --mount=type=secret,id=token GITHUB_TOKEN=$(cat /run/secrets/token) make
            RUN cat /run/secrets/pw | docker login --username bob --password-stdin registry.example.com
            RUN ./configure --with-password-argon2 --enable-auth
            RUN curl -H "Authorization: Bearer ${TOKEN}" https://api.example.com
            RUN echo "$ROOT_PASSWORD" | chpasswd
            RUN curl -u anonymous https://ftp.example.com/
            RUN myapp --password-file /run/secrets/pw --token-file=/run/secrets/token
            RUN git clone https://github.com/org/repo.git
            RUN export SECRETS_DIR=/run/secrets
            RUN keytool -importcert -noprompt -storepass changeit -file /tmp/ca.crt -alias ca
            RUN htpasswd -c /etc/nginx/.htpasswd admin
            """
        #expect(lines(of: rule, in: source) == [])
    }

    @Test func looksInsideShellWrappersAndHeredocs() {
        let source = """
            FROM alpine:3.20
            RUN sh -c 'curl -u bob:hunter2 https://x.example.com'
            RUN <<EOF
            export API_TOKEN=abcdef123456
            make
            EOF
            """
        #expect(lines(of: rule, in: source) == [2, 3])
    }
}
