import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3010Tests {
    let rule = AddForArchiveExtraction()

    @Test func firesWhenACopiedArchiveIsExtracted() {
        let source = """
            FROM alpine:3
            COPY app.tar.gz /tmp/
            RUN tar -xzf /tmp/app.tar.gz -C /opt
            COPY lib.tgz /opt/
            RUN cd /opt && gunzip lib.tgz
            """
        #expect(lines(of: rule, in: source) == [2, 4])
    }

    @Test func ignoresArchivesThatAreNotExtracted() {
        let source = """
            FROM alpine:3
            COPY app.tar.gz /tmp/
            RUN tar tf /tmp/app.tar.gz
            COPY app.zip /tmp/
            RUN unzip /tmp/app.zip
            COPY --from=build b.tar.gz /
            RUN tar -xf b.tar.gz
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }

    @Test func onlyTheLastStageIsReportedLikeHadolint() {
        let source = """
            FROM alpine:3
            COPY a.tar.gz /tmp/
            RUN tar -xf /tmp/a.tar.gz
            FROM alpine:3
            COPY b.tar.xz /tmp/
            RUN tar -xf /tmp/b.tar.xz
            """
        #expect(lines(of: rule, in: source) == [5])
    }
}
