public import RuntimeEvents
public import SecurityModel

/// Decodes a Docker Engine container inspect document (`GET /containers/{id}/json`, what `docker inspect`
/// prints for one container) into ``RuntimeEvents/ContainerInfo``.
///
/// Read: `Id`, `Name` (leading `/` dropped), `Config.Image` (split into repository and tag; a digest in the
/// reference wins, else the image id `Image`), `Config.Labels`, `Config.Healthcheck.Test`,
/// `HostConfig.Privileged`, `Mounts`, `State.StartedAt`, and the CRI labels `io.kubernetes.pod.name`,
/// `io.kubernetes.pod.uid`, `io.kubernetes.pod.namespace`. Members of the wrong type are ignored; a
/// document that is not a JSON object or has no valid `Id` is an error.
public enum DockerContainerInspectDecoder {
    /// Largest document decoded (a larger one is an error).
    public static let maximumDocumentBytes = 4 * 1024 * 1024

    /// The runtime reported for containers found through the Docker Engine (`container.type`).
    public static let runtime = "docker"

    /// Decodes the bytes of an inspect answer; `subject` names it in errors. An array (the `docker inspect`
    /// output) is accepted when it holds exactly one object.
    public static func containerInfo(from bytes: [UInt8], subject: String) throws(DockerDocumentError)
        -> ContainerInfo
    {
        guard bytes.count <= maximumDocumentBytes else {
            throw DockerDocumentError(subject: subject, reason: "inspect document of \(bytes.count) bytes is too large")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes: bytes)
        } catch {
            throw DockerDocumentError(subject: subject, reason: "inspect document is not JSON (\(error))")
        }
        if let items = value.arrayValue {
            guard items.count == 1, let only = items.first else {
                throw DockerDocumentError(
                    subject: subject,
                    reason: "inspect array holds \(items.count) documents, 1 expected"
                )
            }
            return try containerInfo(from: only, subject: subject)
        }
        return try containerInfo(from: value, subject: subject)
    }

    /// Decodes a parsed inspect object; `subject` names it in errors.
    public static func containerInfo(from value: JSONValue, subject: String) throws(DockerDocumentError)
        -> ContainerInfo
    {
        guard value.objectMembers != nil else {
            throw DockerDocumentError(subject: subject, reason: "inspect document is not a JSON object")
        }
        guard let fullID = value["Id"]?.stringValue, isContainerID(fullID) else {
            throw DockerDocumentError(subject: subject, reason: "inspect document has no valid hexadecimal Id")
        }
        let config = value["Config"]
        let hostConfig = value["HostConfig"]
        var name = value["Name"]?.nonEmptyString
        if let slashName = name, slashName.hasPrefix("/") { name = String(slashName.dropFirst()) }
        let image = config?["Image"]?.nonEmptyString
        let parts = image.map(ImageReferenceParts.split)
        let imageID = value["Image"]?.nonEmptyString
        var labels: [String: String] = [:]
        for (key, labelValue) in config?["Labels"]?.objectMembers ?? [] {
            if let text = labelValue.stringValue { labels[key] = text }
        }
        let mounts = (value["Mounts"]?.items ?? []).compactMap(mount)
        var pod: ContainerInfo.Pod?
        if let podName = labels["io.kubernetes.pod.name"], !podName.isEmpty {
            pod = ContainerInfo.Pod(
                name: podName,
                uid: labels["io.kubernetes.pod.uid"] ?? "",
                namespace: labels["io.kubernetes.pod.namespace"] ?? ""
            )
        }
        return ContainerInfo(
            id: String(fullID.prefix(12)),
            fullID: fullID.utf8.count == 64 ? fullID : nil,
            name: name,
            image: image,
            imageRepository: parts.flatMap { $0.repository.isEmpty ? nil : $0.repository },
            imageTag: parts?.tag,
            imageDigest: parts?.digest ?? imageID,
            runtime: runtime,
            privileged: hostConfig?["Privileged"]?.booleanValue ?? false,
            mounts: mounts,
            labels: labels,
            healthcheck: healthcheck(config?["Healthcheck"]?["Test"]),
            pod: pod,
            startTime: value["State"]?["StartedAt"]?.stringValue.flatMap(RFC3339Timestamp.nanosecondsSinceEpoch)
        )
    }

    /// 12 to 64 lower-case hexadecimal digits.
    public static func isContainerID(_ text: String) -> Bool {
        (12...64).contains(text.utf8.count)
            && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    private static func mount(_ value: JSONValue) -> ContainerInfo.Mount? {
        guard let destination = value["Destination"]?.nonEmptyString else { return nil }
        return ContainerInfo.Mount(
            source: value["Source"]?.stringValue ?? "",
            destination: destination,
            mode: value["Mode"]?.stringValue ?? "",
            readWrite: value["RW"]?.booleanValue ?? true,
            propagation: value["Propagation"]?.stringValue ?? ""
        )
    }

    /// `["CMD", args…]` gives the arguments, `["CMD-SHELL", text]` gives `/bin/sh -c text`, `NONE` or
    /// anything else gives nil.
    private static func healthcheck(_ value: JSONValue?) -> [String]? {
        guard let test = value?.arrayValue?.compactMap(\.stringValue), let kind = test.first else { return nil }
        switch kind {
        case "CMD": return test.count > 1 ? Array(test.dropFirst()) : nil
        case "CMD-SHELL": return test.count > 1 ? ["/bin/sh", "-c", test.dropFirst().joined(separator: " ")] : nil
        default: return nil
        }
    }
}
