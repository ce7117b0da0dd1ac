import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3062Tests {
    let rule = GoVersionPinning()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3062")
        #expect(rule.descriptor.aliases == ["DL3062"])
    }

    @Test func firesOnUnpinnedModules() {
        let source = """
            FROM golang:1.22
            RUN go install example.com/tool
            RUN go install example.com/tool@latest
            RUN go get example.com/lib
            RUN go run example.com/gen arg
            ONBUILD RUN go install example.com/x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5, 6])
    }

    @Test func acceptsVersionsAndLocalPaths() {
        let source = """
            FROM golang:1.22
            RUN go install example.com/tool@v1.2.3
            RUN go install ./cmd/tool
            RUN go get -d -v ./...
            RUN go run example.com/gen@v1 unpinned/arg
            RUN go build ./...
            RUN go mod download
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
