public import SecurityModel

/// Baseline `appArmorProfile`: the AppArmor profile must not be `Unconfined` (fields, and the legacy
/// `container.apparmor.security.beta.kubernetes.io/*` annotations).
public struct AppArmor: PodSecurityControl {
    public init() {}
    public let checkID = "appArmorProfile"
    public let level = PSSLevel.baseline
    public let descriptor = RuleDescriptor.pss(
        level: .baseline,
        slug: "apparmor",
        checkID: "appArmorProfile",
        title: "AppArmor is disabled or overridden",
        severity: .high,
        remediation: """
            Use the runtime's default AppArmor profile (or a Localhost profile):
            securityContext:
              appArmorProfile:
                type: RuntimeDefault
            """
    )

    static let annotationPrefix = "container.apparmor.security.beta.kubernetes.io/"

    public func check(_ pod: PodView, version: PSSVersion) -> [Finding] {
        var findings: [Finding] = []
        for (key, value) in pod.workload.podMetadata["annotations"]?.objectMembers ?? []
        where key.hasPrefix(Self.annotationPrefix) {
            let profile = value.stringValue ?? value.display
            if profile.isEmpty || profile == "runtime/default" || profile.hasPrefix("localhost/") { continue }
            let base = pod.specPath.hasSuffix("spec") ? String(pod.specPath.dropLast(4)) : ""
            findings.append(
                pod.finding(
                    self,
                    fieldPath: "\(base)metadata.annotations[\(key)]",
                    container: String(key.dropFirst(Self.annotationPrefix.count)),
                    message: "annotation \(key) sets AppArmor profile '\(profile)'"
                )
            )
        }
        if let type = pod.securityContext?["appArmorProfile"]?["type"], !Self.isAllowed(type) {
            findings.append(
                pod.finding(
                    self,
                    fieldPath: "\(pod.specPath).securityContext.appArmorProfile.type",
                    message: "the pod sets AppArmor profile type \(type.display)"
                )
            )
        }
        for c in pod.containers {
            guard let type = c.securityContext?["appArmorProfile"]?["type"], !Self.isAllowed(type) else { continue }
            findings.append(
                pod.finding(
                    self,
                    fieldPath: "\(c.path).securityContext.appArmorProfile.type",
                    container: c.name,
                    message: "container '\(c.name)' sets AppArmor profile type \(type.display)"
                )
            )
        }
        return findings
    }

    static func isAllowed(_ type: JSONValue) -> Bool {
        type == .null || type.stringValue == "RuntimeDefault" || type.stringValue == "Localhost"
    }
}
