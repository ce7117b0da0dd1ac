public import SecurityModel

/// IMG2004: two users share a UID in `/etc/passwd`, or two groups a GID in `/etc/group`: permissions and
/// audit logs can no longer tell them apart. dockle DKL-LI-0002. One finding per shared id.
public struct DuplicateAccountID: ImageCheck {
    public init() {}

    public let descriptor = RuleDescriptor.image(
        id: "IMG2004",
        slug: "duplicate-uid-gid",
        title: "Duplicate UID or GID",
        severity: .high,
        dockle: "DKL-LI-0002",
        remediation:
            "Give every user its own UID and every group its own GID; remove aliases such as a second UID-0 "
            + "account (`toor`), or create users with `useradd`/`adduser`, which refuse duplicates.",
        tags: ["security"]
    )

    public func isRequired(_ path: String) -> Bool { path == "/etc/passwd" || path == "/etc/group" }

    public func check(_ input: ImageCheckInput) -> [Finding] {
        duplicates(in: "/etc/passwd", noun: "UID", owners: "users", input: input)
            + duplicates(in: "/etc/group", noun: "GID", owners: "groups", input: input)
    }

    private func duplicates(in file: String, noun: String, owners: String, input: ImageCheckInput) -> [Finding] {
        guard let text = input.text(of: file) else { return [] }
        var names: [Int: [Substring]] = [:]
        var order: [Int] = []
        for line in AccountFile.lines(text) {
            guard let id = line.numericID else { continue }
            if names[id] == nil { order.append(id) }
            names[id, default: []].append(line.name)
        }
        let layer = input.tree.entry(at: file)?.layerIndex
        return order.compactMap { id in
            guard let shared = names[id], shared.count > 1 else { return nil }
            return Finding(
                rule: descriptor,
                location: input.location(path: file, layerIndex: layer),
                message: "\(noun) \(id) is shared by \(owners) \(shared.joined(separator: ", ")) in \(file)"
            )
        }
    }
}
