import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3044Tests {
    let rule = EnvReferencesSameStatement()

    @Test func firesOnReferencesWithinOneStatement() {
        let source = """
            FROM a:1
            ENV A=1 B=$A
            ENV C=1 D="${C}/bin"
            ENV E=$F F=1
            ENV G=1 H=$G-x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5])
    }

    @Test func acceptsEarlierDefinitionsAndOtherNames() {
        let source = """
            ARG A
            FROM a:1
            ENV A=2 B=$A
            ENV C=1
            ENV C=2 D=$C
            ENV PATH=/opt/bin:$PATH HOME=/root
            ENV E=1 F=$E_SUFFIX
            ENV G 1
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }

    @Test func referenceDetection() {
        #expect(EnvReferencesSameStatement.references("A", in: "x$A"))
        #expect(EnvReferencesSameStatement.references("A", in: "${A}"))
        #expect(!EnvReferencesSameStatement.references("A", in: "$AB"))
        #expect(EnvReferencesSameStatement.references("A", in: "$AB:$A"))
    }
}
