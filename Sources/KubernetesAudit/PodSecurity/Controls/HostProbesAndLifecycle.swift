public import SecurityModel

/// Baseline `hostProbesAndHostLifecycle` (policy 1.34+): probes and lifecycle handlers must not set `host`.
public struct HostProbesAndLifecycle: PodSecurityControl {
    public init() {}
    public let checkID = "hostProbesAndHostLifecycle"
    public let level = PSSLevel.baseline
    public var minimumVersion: PSSVersion { .v1(34) }
    public let descriptor = RuleDescriptor.pss(
        level: .baseline,
        slug: "probe-host",
        checkID: "hostProbesAndHostLifecycle",
        title: "Probe or lifecycle handler targets another host",
        severity: .medium,
        remediation: """
            Remove `host` from httpGet/tcpSocket probes and lifecycle handlers, so they target the pod itself:
            livenessProbe:
              httpGet:
                path: /healthz
                port: 8080
            """
    )

    public func check(_ pod: PodView, version: PSSVersion) -> [Finding] {
        var findings: [Finding] = []
        for c in pod.containers {
            var handlers: [(String, JSONValue)] = []
            for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
                if let value = c.value[probe] { handlers.append((probe, value)) }
            }
            for hook in ["postStart", "preStop"] {
                if let value = c.value["lifecycle"]?[hook] { handlers.append(("lifecycle.\(hook)", value)) }
            }
            for (path, handler) in handlers {
                for kind in ["httpGet", "tcpSocket"] {
                    guard let host = handler[kind]?["host"], host != .null, host.stringValue != "" else { continue }
                    findings.append(
                        pod.finding(
                            self,
                            fieldPath: "\(c.path).\(path).\(kind).host",
                            container: c.name,
                            message: "container '\(c.name)' \(path) targets host \(host.display)"
                        )
                    )
                }
            }
        }
        return findings
    }
}
