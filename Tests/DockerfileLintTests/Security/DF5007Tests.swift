import DockerfileSyntax
import SecurityModel
import Testing

@testable import DockerfileLint

struct DF5007Tests {
    let rule = WorldWritablePermissions()

    @Test func firesOnWorldWritableModes() {
        let source = """
            FROM alpine:3.20
            RUN chmod 777 /app
            RUN chmod -R 0777 /data
            RUN chmod -R a+w /var/log/app
            RUN chmod o+w,g+w /srv
            RUN chmod a=rwx /opt/app
            RUN mkdir -m 777 /shared
            RUN find /app -type d -exec chmod 777 {} \\;
            COPY --chmod=777 app /app
            ADD --chmod=0666 config.yml /etc/app/
            RUN umask 000 && touch /x
            RUN chmod 0777 -R /var/lib/mpd
            """
        #expect(lines(of: rule, in: source) == Array(2...12))
    }

    @Test func staysSilentForSafeModes() {
        let source = """
            FROM alpine:3.20
            RUN chmod 755 /app && chmod 644 /app/config && chmod -R g=u /app
            RUN chmod 1777 /tmp/shared && chmod a+rwxt /var/tmp/x
            RUN chmod +x /entrypoint.sh && chmod o-w /srv && chmod u+w /srv
            COPY --chmod=755 app /app
            RUN mkdir -m 0750 /data && umask 022
            RUN tempDir="$(mktemp -d)" && chmod 777 "$tempDir" && do-work && rm -rf "$tempDir"
            RUN apt-get install -y -m curl
            """
        #expect(lines(of: rule, in: source) == [])
    }

    @Test func classifiesModes() {
        #expect(WorldWritablePermissions.isWorldWritable(mode: "777"))
        #expect(WorldWritablePermissions.isWorldWritable(mode: "0666"))
        #expect(WorldWritablePermissions.isWorldWritable(mode: "ugo+rw"))
        #expect(!WorldWritablePermissions.isWorldWritable(mode: "1777"))
        #expect(!WorldWritablePermissions.isWorldWritable(mode: "775"))
        #expect(!WorldWritablePermissions.isWorldWritable(mode: "u+rwx,g+rx"))
        #expect(!WorldWritablePermissions.isWorldWritable(mode: "755"))
    }
}
