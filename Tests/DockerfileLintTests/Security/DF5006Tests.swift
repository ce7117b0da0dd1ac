import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF5006Tests {
    let rule = WholeContextCopyWithoutDockerignore()

    let source = """
        FROM node:20
        WORKDIR /app
        COPY package.json ./
        COPY . .
        ADD ./ /srv/
        COPY --chown=node:node . /app
        COPY --from=build /app/dist ./dist
        COPY --from=build . /all
        COPY src/ ./src/
        ONBUILD COPY . /usr/src/app
        """

    @Test func firesWithoutDockerignore() {
        #expect(lines(of: rule, in: source, hasDockerignore: false) == [4, 5, 6, 10])
    }

    @Test func staysSilentWithDockerignoreOrWhenUnknown() {
        #expect(lines(of: rule, in: source, hasDockerignore: true) == [])
        #expect(lines(of: rule, in: source, hasDockerignore: nil) == [])
    }

    @Test func recognisesSpellingsOfTheContextRoot() {
        #expect(WholeContextCopyWithoutDockerignore.isWholeContext("."))
        #expect(WholeContextCopyWithoutDockerignore.isWholeContext("./"))
        #expect(WholeContextCopyWithoutDockerignore.isWholeContext("./."))
        #expect(!WholeContextCopyWithoutDockerignore.isWholeContext("./src"))
        #expect(!WholeContextCopyWithoutDockerignore.isWholeContext(".env"))
        #expect(!WholeContextCopyWithoutDockerignore.isWholeContext("/."))
    }
}
