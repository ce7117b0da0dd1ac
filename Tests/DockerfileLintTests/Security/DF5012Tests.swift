import DockerfileLint
import DockerfileSyntax
import SecurityModel
import Testing

struct DF5012Tests {
    let rule = PackageCacheNotCleaned()

    @Test func firesPerManagerWhenTheCacheStays() {
        let source = """
            FROM debian:12
            RUN apt-get update && apt-get install -y curl
            RUN apk add curl
            RUN yum install -y httpd
            RUN dnf -y install nginx
            RUN zypper -n install vim
            RUN pip install requests
            RUN python3 -m pip install flask
            RUN npm ci
            RUN apt-get update && apt-get install -y curl && apt-get clean
            """
        #expect(lines(of: rule, in: source) == [2, 3, 4, 5, 6, 7, 8, 9, 10])
    }

    @Test func messageNamesTheManager() {
        let found = violations(of: rule, in: "FROM alpine:3.20\nRUN apk add curl && pip3 install x\n")
        #expect(found.count == 2)
        #expect(found[0].message.hasPrefix("apk add"))
        #expect(found[1].message.hasPrefix("pip3 install"))
    }

    @Test func staysSilentWhenCleanedOrCached() {
        let source = """
            FROM debian:12
            RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
            RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y gcc
            RUN apk add --no-cache curl
            RUN apk add curl && rm -rf /var/cache/apk/*
            RUN yum install -y httpd && yum clean all
            RUN microdnf install -y nginx && microdnf clean all
            RUN zypper -n install vim && zypper clean -a
            RUN pip install --no-cache-dir requests
            RUN --mount=type=cache,target=/root/.cache/pip pip install flask
            RUN pip install x && rm -rf /root/.cache/pip
            RUN npm ci && npm cache clean --force
            RUN --mount=type=cache,target=/root/.npm npm ci
            RUN apt-get update; apt-get install -y x; apt-get dist-clean
            """
        #expect(lines(of: rule, in: source) == [])
    }

    @Test func honoursPipNoCacheDirFromEnv() {
        let source = """
            FROM python:3.12 AS base
            ENV PIP_NO_CACHE_DIR=1
            FROM base
            RUN pip install requests
            """
        #expect(lines(of: rule, in: source) == [])
    }

    @Test func ignoresStagesThatDoNotReachTheFinalImage() {
        let source = """
            FROM debian:12 AS build
            RUN apt-get update && apt-get install -y gcc
            FROM debian:12
            COPY --from=build /out /out
            """
        #expect(lines(of: rule, in: source) == [])
    }
}
