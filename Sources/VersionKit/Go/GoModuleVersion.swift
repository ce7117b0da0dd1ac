/// A Go module version: `v` + SemVer 2.0.0 (`v1.2.3`, `v2.0.0-rc.1`), including pseudo-versions
/// (`v0.0.0-20191109021931-daa7c04131f5`, `v1.2.4-0.20191109021931-daa7c04131f5`) and the `+incompatible`
/// suffix of pre-module major versions.
///
/// Ordered like `golang.org/x/mod/semver.Compare`: SemVer precedence, with `+incompatible` ignored.
/// Pseudo-versions are ordinary pre-releases, so they sort by their timestamp below the next release.
/// The `v` prefix is required; build metadata other than `+incompatible` is rejected as in `module.Check`.
public struct GoModuleVersion: EcosystemVersion, Hashable {
    /// `Go`, the OSV ecosystem name.
    public static var ecosystem: String { "Go" }

    /// The version without the `v` prefix and `+incompatible`.
    public let semantic: SemanticVersion
    /// True when the version ends in `+incompatible`.
    public let isIncompatible: Bool

    /// Parses `v<semver>[+incompatible]`.
    public init(parsing text: String) throws(VersionParseError) {
        guard text.hasPrefix("v") else {
            throw VersionParseError(ecosystem: Self.ecosystem, input: text, reason: "missing 'v' prefix")
        }
        let parsed: SemanticVersion
        do {
            parsed = try SemanticVersion.parse(String(text.dropFirst()), allowPrefix: false)
        } catch {
            throw VersionParseError(ecosystem: Self.ecosystem, input: text, reason: error.reason)
        }
        guard parsed.build.isEmpty || parsed.build == ["incompatible"] else {
            throw VersionParseError(
                ecosystem: Self.ecosystem,
                input: text,
                reason: "build metadata other than +incompatible"
            )
        }
        semantic = parsed
        isIncompatible = !parsed.build.isEmpty
    }

    /// The version as written (`v1.2.3+incompatible`).
    public var description: String { "v" + semantic.description }

    /// True for a pseudo-version: a pre-release ending in a 14-digit UTC timestamp and a 12-character
    /// lower-case hex commit prefix (`v0.0.0-20191109021931-daa7c04131f5`, `vX.Y.Z-pre.0.<time>-<rev>`,
    /// `vX.Y.(Z+1)-0.<time>-<rev>`).
    public var isPseudoVersion: Bool { pseudoVersionParts != nil }

    /// The timestamp (`yyyymmddhhmmss`) and revision of a pseudo-version.
    public var pseudoVersionParts: (timestamp: String, revision: String)? {
        guard let last = semantic.preRelease.last else { return nil }
        let pieces = last.split(separator: "-", omittingEmptySubsequences: false)
        guard pieces.count >= 2 else { return nil }
        let timestamp = pieces[pieces.count - 2], revision = pieces[pieces.count - 1]
        guard timestamp.count == 14, timestamp.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            revision.count == 12,
            revision.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        else { return nil }
        // `v0.0.0-<time>-<rev>` has the timestamp as the first piece of the only identifier; the other forms
        // put it after a `0` identifier (`-0.<time>-<rev>`, `-pre.0.<time>-<rev>`).
        if semantic.preRelease.count == 1 {
            guard pieces.count == 2 else { return nil }
        } else {
            guard pieces.count == 2, semantic.preRelease[semantic.preRelease.count - 2] == "0" else { return nil }
        }
        return (String(timestamp), String(revision))
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.semantic < rhs.semantic }

    /// Equal precedence (`+incompatible` ignored).
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.semantic == rhs.semantic }

    /// Consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(semantic) }
}
