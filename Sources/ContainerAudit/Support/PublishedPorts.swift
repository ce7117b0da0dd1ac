/// The host port bindings of a container: `HostConfig.PortBindings` plus those only in `NetworkSettings.Ports`.
enum PublishedPorts {
    static func all(_ c: ContainerConfig) -> [PortMapping] {
        var out: [PortMapping] = c.hostConfig?.portBindings ?? []
        for mapping in c.publishedPorts ?? [] where !out.contains(mapping) { out.append(mapping) }
        return out
    }
}
