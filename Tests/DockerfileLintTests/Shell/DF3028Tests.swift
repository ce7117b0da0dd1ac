import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3028Tests {
    let rule = GemVersionPinning()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3028")
        #expect(rule.descriptor.aliases == ["DL3028"])
    }

    @Test func firesOnUnpinnedGems() {
        let source = """
            FROM ruby:3
            RUN gem install rails
            RUN gem i bundler
            RUN gem install rails:7.1 rake
            ONBUILD RUN gem install x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5])
    }

    @Test func acceptsVersionsAndHadolintOptionHandling() {
        // As in hadolint, every option is taken to consume the next word.
        let source = """
            FROM ruby:3
            RUN gem install rails:7.1.3
            RUN gem install rails -v 7.1.3
            RUN gem install rails --version 7.1.3
            RUN gem install rails --version=7.1.3
            RUN gem install --no-document bundler
            RUN gem update --system
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
