import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct HadolintArgumentsTests {
    private func from(_ text: String) -> HadolintArguments.BaseImage? {
        Dockerfile(parsing: text).instructions.first.flatMap(HadolintArguments.baseImage)
    }

    @Test func readsFromLikeHadolint() throws {
        let a = try #require(from("FROM --platform=linux/arm64 gcr.io/distroless/static:nonroot AS run\n"))
        #expect(a.platform == "linux/arm64")
        #expect(a.registry == "gcr.io")
        #expect(a.name == "distroless/static")
        #expect(a.tag == "nonroot")
        #expect(a.alias == "run")
        let b = try #require(from("FROM localhost:5000/app\n"))
        #expect(b.name == "localhost")
        #expect(b.tag == "5000/app")
        let c = try #require(from("FROM ${IMG:-alpine:3}@sha256:abc\n"))
        #expect(c.name == "${IMG:-alpine:3}")
        #expect(c.tag == nil)
        #expect(c.digest == "sha256:abc")
    }

    @Test func readsPairsLikeHadolint() throws {
        let label = try #require(
            Dockerfile(parsing: "LABEL \"a.b\"=\"x \\\"y\\\"\" c=d\\ e f='g h'\n").instructions.first
        )
        #expect(
            HadolintArguments.pairs(label) == [
                .init(key: "a.b", value: "x \"y\""), .init(key: "c", value: "d e"), .init(key: "f", value: "g h"),
            ]
        )
        let legacy = try #require(Dockerfile(parsing: "ENV PATH \"/a b\" c \n").instructions.first)
        #expect(HadolintArguments.pairs(legacy) == [.init(key: "PATH", value: "\"/a b\" c ")])
        let broken = try #require(Dockerfile(parsing: "LABEL a=\"unterminated\n").instructions.first)
        #expect(HadolintArguments.pairs(broken) == nil)
    }

    @Test func readsFileListsWithQuotesKept() throws {
        let copy = try #require(Dockerfile(parsing: "COPY --from=b \"a b\" c\n").instructions.first)
        let files = try #require(HadolintArguments.fileList(copy))
        #expect(files.sources == ["\"a", "b\""])
        #expect(files.target == "c")
        #expect(files.from == "b")
    }

    @Test func argumentNames() throws {
        let names = Dockerfile(parsing: "ARG A=1 B=2\nARG C\nARG D \n").instructions.compactMap(
            HadolintArguments.argumentName
        )
        #expect(names == ["A", "C", "D"])
    }
}
