import DockerfileLint
import DockerfileSyntax
import SecurityModel
import Testing

struct DF5001Tests {
    let rule = HardcodedSecret()

    @Test func firesOnLiteralValueForSecretLikeNames() {
        let source = """
            FROM alpine:3.20
            ENV DB_PASSWORD=hunter2
            ARG API_KEY=abc123def
            LABEL com.example.client_secret="s3cr3t-value"
            ENV LDAP_ROOTPASS fsociety
            ENV githubToken=abcdef1234567890
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5, 6])
    }

    @Test func reportsTheKeyButNeverTheValue() throws {
        let found = violations(of: rule, in: "FROM alpine:3.20\nENV DB_PASSWORD=\"hunter2 two\"\n")
        let v = try #require(found.first)
        #expect(v.message.contains("DB_PASSWORD"))
        #expect(!v.message.contains("hunter2"))
        #expect(v.redactions.contains("hunter2 two"))
    }

    @Test func firesOnKnownTokenFormatsUnderAnyName() {
        let source = """
            FROM alpine:3.20
            ENV AWS_ID=\(FakeSecrets.awsKeyID)
            ENV GH=\(FakeSecrets.github)
            ENV CONF="token: \(FakeSecrets.gitlab)"
            ENV S=\(FakeSecrets.slack)
            LABEL sample=\(FakeSecrets.jwt)
            ENV DATABASE_URL=postgres://app:S3cret@db:5432/app
            ENV FINE_GRAINED=\(FakeSecrets.githubFineGrained)
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5, 6, 7, 8])
    }

    @Test func namesTheKindOfCredential() throws {
        let found = violations(of: rule, in: "FROM alpine:3.20\nENV X=\(FakeSecrets.awsKeyID)\n")
        let v = try #require(found.first)
        #expect(v.message == "ENV X holds a hard-coded AWS access key ID")
        #expect(v.redactions == [FakeSecrets.awsKeyID])
    }

    @Test func redactsOnlyThePasswordOfAURL() throws {
        let found = violations(of: rule, in: "FROM alpine:3.20\nENV DATABASE_URL=postgres://app:S3cret@db/app\n")
        let v = try #require(found.first)
        #expect(v.redactions == ["S3cret"])
        #expect(v.message.contains("password in URL"))
    }

    @Test func detectsPrivateKeysAndAWSSecretKeys() {
        let source = """
            FROM alpine:3.20
            ENV KEY="\(FakeSecrets.privateKeyHeader)\\nMIIEowIBAAKCAQEA\\n\(FakeSecrets.privateKeyFooter)"
            ENV AWS_SECRET_ACCESS_KEY=\(FakeSecrets.awsSecret)
            ENV CFG="aws_secret_access_key = \(FakeSecrets.awsSecret)"
            """
        let found = violations(of: rule, in: source)
        #expect(found.map(\.range.start.line) == [2, 3, 4])
        #expect(found[0].message.contains("private key"))
        #expect(found[1].message.contains("AWS secret access key"))
        #expect(found[2].message.contains("AWS secret access key"))
        #expect(found[0].redactions.contains("MIIEowIBAAKCAQEA"))
    }

    @Test func staysSilentOnObviousNonSecrets() {
        let source = """
            FROM alpine:3.20
            ARG GITHUB_TOKEN
            ARG NPM_TOKEN=
            ENV DB_PASSWORD_FILE=/run/secrets/db_password
            ENV SECRETS_DIR=/run/secrets
            ENV TOKEN_URL=https://auth.example.com/token
            ENV KEEPASSXC_VERSION=2.5.4
            ENV AUTH_ENABLED=true
            ENV API_KEY=$API_KEY
            ENV DB_PASSWORD=${DB_PASSWORD}
            ENV GPG_KEYS B42F6819007F00F88E364FD4036A9C25BF357DD4
            ENV SECRET_NAME=my-app-secret
            LABEL org.opencontainers.image.authors="Jane Doe"
            ENV GOOGLE_APPLICATION_CREDENTIALS=service-account.json
            ENV BYPASS_PROXY=internal.example.com
            ENV REPO_URL=https://github.com/org/repo.git
            ENV AUTH_PROVIDER_TOKEN_TTL=3600
            ARG SECRET_KEY_BASE=dummy
            ENV ADMIN_PASSWORD=****
            ENV ADMIN_PASSWORD=<your-password>
            """
        #expect(lines(of: rule, in: source) == [])
    }

    @Test func honoursExtraSecretKeys() {
        let source = "FROM alpine:3.20\nENV LICENSE_CODE=ABCD-1234-EFGH\n"
        #expect(lines(of: rule, in: source) == [])
        let settings = RuleSettings(extraSecretKeys: ["license_code"])
        #expect(lines(of: rule, in: source, settings: settings) == [2])
    }

    @Test func checksOnbuildTriggers() {
        #expect(lines(of: rule, in: "FROM alpine:3.20\nONBUILD ENV ADMIN_PASSWORD=admin\n") == [2])
    }

    @Test func oneViolationPerSecretKey() {
        let source = "FROM alpine:3.20\nENV DB_PASSWORD=a1b2c3 REDIS_PASSWORD=d4e5f6 MODE=prod\n"
        let found = violations(of: rule, in: source)
        #expect(found.count == 2)
        #expect(found.map(\.message).allSatisfy { !$0.contains("a1b2c3") && !$0.contains("d4e5f6") })
    }
}
