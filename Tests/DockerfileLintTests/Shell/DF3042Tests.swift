import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3042Tests {
    let rule = PipNoCacheDir()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3042")
        #expect(rule.descriptor.aliases == ["DL3042"])
    }

    @Test func firesWhenCacheIsKept() {
        let source = """
            FROM python:3
            RUN pip install flask==3
            RUN python3 -m pip install flask==3
            RUN PIP_NO_CACHE_DIR=0 pip install flask==3
            ONBUILD RUN pip install x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5])
    }

    @Test func acceptsEveryWayOfDisablingTheCache() {
        let source = """
            FROM python:3
            RUN pip install --no-cache-dir flask==3
            RUN PIP_NO_CACHE_DIR=1 pip install flask==3
            RUN --mount=type=cache,target=/root/.cache/pip pip install flask==3
            RUN pipx install black
            RUN python -m pipenv install
            ENV PIP_NO_CACHE_DIR=true
            RUN pip install flask==3
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }

    @Test func envSettingFollowsStages() {
        let source = """
            FROM python:3 AS base
            ENV PIP_NO_CACHE_DIR=1
            FROM base AS app
            RUN pip install flask==3
            FROM python:3 AS other
            RUN pip install flask==3
            """
        #expect(lines(of: rule, in: source) == [6])
    }

    @Test func fixInsertsFlagAfterInstall() {
        let source = "FROM python:3\nRUN pip install -U pip && python -m pip install flask==3\n"
        expectFix(
            of: rule,
            in: source,
            line: 2,
            gives:
                "FROM python:3\nRUN pip install --no-cache-dir -U pip && python -m pip install --no-cache-dir flask==3\n"
        )
    }
}
