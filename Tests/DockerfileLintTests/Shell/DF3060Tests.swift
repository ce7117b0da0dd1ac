import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3060Tests {
    let rule = YarnCacheClean()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3060")
        #expect(rule.descriptor.aliases == ["DL3060"])
    }

    @Test func firesInFinalStageAndStagesBuiltUpon() {
        let source = """
            FROM node:20 AS deps
            RUN yarn install
            FROM node:20 AS unused
            RUN yarn install
            FROM deps
            RUN yarn cache clean && yarn install
            ONBUILD RUN yarn install
            """
        #expect(lines(of: rule, in: source) == [2, 6, 7])
    }

    @Test func acceptsCleanAfterInstallOrCacheMount() {
        let source = """
            FROM node:20
            RUN yarn install --frozen-lockfile && yarn cache clean
            RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install
            RUN yarn add left-pad
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
