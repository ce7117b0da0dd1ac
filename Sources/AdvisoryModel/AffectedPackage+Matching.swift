public import VersionKit

/// Why an installed version is affected by one ``AffectedPackage``.
public struct AffectednessVerdict: Sendable, Hashable {
    /// The publisher's status for the package.
    public var status: AffectedStatus
    /// Versions that fix it and are newer than the installed one (empty when there is no fix).
    public var fixedVersions: [String]
    /// One line: which range or list matched which version.
    public var explanation: String

    public init(status: AffectedStatus, fixedVersions: [String], explanation: String) {
        self.status = status
        self.fixedVersions = fixedVersions
        self.explanation = explanation
    }
}

extension AffectedPackage {
    /// Decides whether `version` is affected, following the OSV range semantics: events sorted by
    /// version; `introduced` opens, `fixed` (at or above) and `last_affected` (strictly above)
    /// close; `limit` bounds the range. Git ranges never match (no commits in an image).
    ///
    /// Returns nil when not affected. Throws when `version` or a range bound does not parse in the
    /// ecosystem's scheme (the caller reports it instead of guessing).
    public func verdict(for version: String) throws(VersionParseError) -> AffectednessVerdict? {
        if status == .notAffected { return nil }
        let scheme = key.ecosystem.versionScheme
        if versions.contains(version) {
            return AffectednessVerdict(
                status: status,
                fixedVersions: try laterFixes(than: version, scheme: scheme),
                explanation: "\(version) is listed as an affected version"
            )
        }
        if ranges.isEmpty {
            guard versions.isEmpty else { return nil }
            // No ranges and no list: the publisher says every version is affected (open issue).
            return AffectednessVerdict(
                status: status,
                fixedVersions: [],
                explanation: "every version of \(key.name) is \(status.rawValue)"
            )
        }
        for range in ranges {
            let rangeScheme = range.kind == .semver ? VersionScheme.semver : scheme
            guard range.kind != .git, let why = try range.explain(version, scheme: rangeScheme) else { continue }
            var fixes: [String] = []
            for fix in range.fixedVersions where try rangeScheme.compare(fix, version) > 0 { fixes.append(fix) }
            try fixes.sortByVersion(rangeScheme)
            let status: AffectedStatus = (status == .affected && fixes.isEmpty) ? .notFixed : status
            return AffectednessVerdict(status: status, fixedVersions: fixes, explanation: why)
        }
        return nil
    }

    private func laterFixes(than version: String, scheme: VersionScheme) throws(VersionParseError) -> [String] {
        var out: [String] = []
        for range in ranges where range.kind != .git {
            let s = range.kind == .semver ? VersionScheme.semver : scheme
            for fix in range.fixedVersions where try s.compare(fix, version) > 0 { out.append(fix) }
        }
        return out
    }
}

extension AffectedRange {
    /// A sentence naming the bounds that contain `version`, or nil when the range does not.
    func explain(_ version: String, scheme: VersionScheme) throws(VersionParseError) -> String? {
        // Sort events by version; `introduced: 0` is below everything.
        var keyed: [(event: RangeEvent, isZero: Bool)] = events.map { ($0, $0.version == "0") }
        var sortError: VersionParseError?
        keyed.sort { a, b in
            if a.isZero != b.isZero { return a.isZero }
            if a.isZero { return false }
            do throws(VersionParseError) {
                return try scheme.compare(a.event.version, b.event.version) < 0
            } catch {
                sortError = sortError ?? error
                return false
            }
        }
        if let sortError { throw sortError }
        var affected = false
        var opened: String?
        var closer: RangeEvent?
        for (event, isZero) in keyed {
            switch event {
            case .introduced(let v):
                let reached = try isZero ? true : scheme.compare(version, v) >= 0
                if reached {
                    if !affected { opened = v }
                    affected = true
                    closer = nil
                } else if closer == nil, affected == false {
                    continue
                }
            case .fixed(let v):
                if try scheme.compare(version, v) >= 0 {
                    affected = false
                } else if affected, closer == nil {
                    closer = event
                }
            case .lastAffected(let v):
                if try scheme.compare(version, v) > 0 {
                    affected = false
                } else if affected, closer == nil {
                    closer = event
                }
            case .limit(let v):
                if try scheme.compare(version, v) >= 0 {
                    affected = false
                } else if affected, closer == nil {
                    closer = event
                }
            }
        }
        guard affected else { return nil }
        let lower = opened.map { $0 == "0" ? "any version" : ">= \($0)" } ?? "any version"
        let upper: String
        switch closer {
        case .fixed(let v)?: upper = " and < \(v) (fixed)"
        case .lastAffected(let v)?: upper = " and <= \(v) (last affected)"
        case .limit(let v)?: upper = " and < \(v) (limit)"
        default: upper = ", no fixed version"
        }
        return "\(version) matches \(kind.rawValue) range \(lower)\(upper)"
    }
}

extension [String] {
    /// Sorts versions in ascending order of `scheme`.
    mutating func sortByVersion(_ scheme: VersionScheme) throws(VersionParseError) {
        var failure: VersionParseError?
        sort { a, b in
            do throws(VersionParseError) { return try scheme.compare(a, b) < 0 } catch {
                failure = failure ?? error
                return false
            }
        }
        if let failure { throw failure }
    }
}
