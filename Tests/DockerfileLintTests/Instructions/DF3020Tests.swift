import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3020Tests {
    let rule = CopyInsteadOfAdd()

    @Test func firesOnLocalFiles() {
        let source = "FROM a:1\nADD src /app\nADD a.tar.gz notes.txt /\nADD [\"c.zip\", \"/\"]\n"
        #expect(lines(of: rule, in: source) == [2, 3, 4])
    }

    @Test func acceptsURLsAndArchives() {
        let source = "FROM a:1\nADD https://example.com/x.bin /x\nADD app.tar.gz /\nADD \"a.tgz\" http://h/b /\n"
        #expect(lines(of: rule, in: source).isEmpty)
    }

    @Test func fixReplacesTheKeywordKeepingItsCase() throws {
        let source = "FROM a:1\nadd --chown=app:app src /app\nRUN true\n"
        let fix = try #require(violations(of: rule, in: source).first?.fix)
        let fixed = applying(fix, to: source)
        #expect(fixed == "FROM a:1\ncopy --chown=app:app src /app\nRUN true\n")
        #expect(lines(of: rule, in: fixed).isEmpty)
        #expect(CopyInsteadOfAdd.copyKeyword(like: "ADD") == "COPY")
        #expect(CopyInsteadOfAdd.copyKeyword(like: "Add") == "Copy")
    }

    @Test func noFixWhenTheMeaningCouldChange() {
        let source = """
            FROM a:1
            ADD a.tar.gz notes.txt /
            ADD git@github.com:org/repo.git /src
            ADD $SRC /dst
            ADD data.tar.zst /
            ADD --checksum=sha256:0 x /
            """
        let found = violations(of: rule, in: source)
        #expect(found.count == 5)
        #expect(found.allSatisfy { $0.fix == nil })
    }
}
