import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3016Tests {
    let rule = NpmVersionPinning()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3016")
        #expect(rule.descriptor.aliases == ["DL3016"])
    }

    @Test func firesOnUnpinnedPackages() {
        let source = """
            FROM node:20
            RUN npm install express
            RUN npm install -g typescript
            RUN npm install @types/node
            RUN npm install git+https://github.com/org/repo.git
            RUN npm install express@4 lodash
            ONBUILD RUN npm install x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5, 6, 7])
    }

    @Test func acceptsPinsTarballsFoldersAndOtherCommands() {
        let source = """
            FROM node:20
            RUN npm install
            RUN npm ci
            RUN npm install express@4.18.2 @types/node@20
            RUN npm install git+https://github.com/org/repo.git#v1.0
            RUN npm install ./pkg.tgz https://host/x.tar.gz ./local ../other /abs
            RUN npm install --loglevel verbose express@4
            RUN npm i express
            RUN npm --prefix /app install express
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
