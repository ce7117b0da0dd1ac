import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF3013Tests {
    let rule = PipVersionPinning()

    @Test func descriptorMapsHadolintId() {
        #expect(rule.descriptor.id == "DF3013")
        #expect(rule.descriptor.aliases == ["DL3013"])
    }

    @Test func firesOnUnpinnedPackages() {
        let source = """
            FROM python:3
            RUN pip install flask
            RUN pip3 install --upgrade pip
            RUN python -m pip install requests==2.0 click
            RUN pip install git+https://github.com/org/repo.git
            RUN pipx install black
            RUN pip install -i https://mirror/simple foo
            ONBUILD RUN pip install x
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5, 6, 7, 8])
    }

    @Test func acceptsPinsFilesAndLocalSources() {
        let source = """
            FROM python:3
            RUN pip install flask==3.0 "click>=8" 'rich<14' attrs~=23.1
            RUN pip install -r requirements.txt
            RUN pip install --requirement req.txt
            RUN pip install .
            RUN pip install -c constraints.txt flask
            RUN pip install git+https://github.com/org/repo.git@v1.2
            RUN pip install ./dist/pkg.whl https://host/pkg.tar.gz /src/pkg
            RUN pip install -e git+https://github.com/org/repo.git#egg=x
            RUN pip install --target /opt flask==3
            RUN pipenv install flask
            RUN pip download flask
            """
        #expect(lines(of: rule, in: source).isEmpty)
    }
}
