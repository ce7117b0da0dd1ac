import DockerfileLint
import DockerfileSyntax
import SecurityModel
import Testing

struct DF5008Tests {
    let rule = SSHServerInImage()

    @Test func firesOnSSHServersAndPort22() {
        let source = """
            FROM debian:12
            RUN apt-get update && apt-get install -y --no-install-recommends openssh-server=1:9.2p1-2 \\
                && rm -rf /var/lib/apt/lists/*
            RUN apk add --no-cache openssh
            RUN yum install -y openssh-server && yum clean all
            RUN apt-get install -y ssh
            RUN apk add dropbear
            EXPOSE 22
            EXPOSE 80 22/tcp
            EXPOSE 20-25
            """
        #expect(lines(of: rule, in: source) == [2, 4, 5, 6, 7, 8, 9, 10])
    }

    @Test func staysSilentForClientsAndOtherPorts() {
        let source = """
            FROM debian:12
            RUN apt-get install -y openssh-client ssh-askpass
            RUN apk add --no-cache openssh-client openssh-keygen
            RUN dnf install -y openssh-clients
            RUN echo openssh-server > /tmp/notes
            EXPOSE 2222 8022 80
            EXPOSE $SSH_PORT
            """
        #expect(lines(of: rule, in: source) == [])
    }
}
