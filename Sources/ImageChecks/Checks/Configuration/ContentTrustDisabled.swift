public import SecurityModel

/// IMG1003: Docker Content Trust was not enabled where the image was fetched. dockle CIS-DI-0005, CIS Docker
/// Benchmark 4.5. An environment fact: silent when unknown (``ImageCheckInput/contentTrustEnabled`` nil).
public struct ContentTrustDisabled: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG1003",
        slug: "content-trust-disabled",
        title: "Docker Content Trust is not enabled",
        severity: .info,
        dockle: "CIS-DI-0005",
        cis: "4.5",
        remediation:
            "Export `DOCKER_CONTENT_TRUST=1` before `docker pull`/`docker build`, or verify image signatures "
            + "another way (for example `cosign verify`) and pin images by digest.",
        tags: ["security", "supply-chain"]
    )

    public func check(_ input: ImageCheckInput) -> [Finding] {
        guard input.contentTrustEnabled == false else { return [] }
        return [
            Finding(
                rule: descriptor,
                location: input.location(),
                message: "DOCKER_CONTENT_TRUST is not set to 1, so image signatures are not verified on pull"
            )
        ]
    }
}
