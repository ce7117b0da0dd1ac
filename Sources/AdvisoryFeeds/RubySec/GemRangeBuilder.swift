internal import AdvisoryModel
internal import VersionKit

/// Builds OSV range events for the versions allowed by neither the patched nor the unaffected
/// requirement lists of a rubysec advisory.
enum GemRangeBuilder {
    struct Conversion {
        /// Events of one ECOSYSTEM range; empty when no version is affected.
        var events: [RangeEvent]
        /// Versions where an affected interval starts exclusively and was widened to include them.
        var approximatedBounds: [String]
    }

    static func build(patched: [String], unaffected: [String]) throws(RubySecRequirement.Problem) -> Conversion {
        var patchedIntervals: [GemVersionInterval] = []
        for requirement in patched { patchedIntervals += try RubySecRequirement.intervals(requirement) }
        var unaffectedIntervals: [GemVersionInterval] = []
        for requirement in unaffected { unaffectedIntervals += try RubySecRequirement.intervals(requirement) }
        let safe: [GemVersionInterval]
        do throws(VersionParseError) {
            safe = try GemVersionInterval.union(patchedIntervals + unaffectedIntervals)
        } catch {
            throw RubySecRequirement.Problem(reason: "\(error)")
        }
        let fixedVersions = Set(patchedIntervals.compactMap { $0.lower?.inclusive == true ? $0.lower?.version : nil })
        var affected = GemVersionInterval.complement(of: safe)
        // An exclusive lower bound equal to the previous interval's exclusive upper bound is a
        // single excluded version between two affected runs: OSV cannot skip one version, so the
        // runs are joined (conservatively reporting that version).
        var joined: [GemVersionInterval] = []
        var approximated: [String] = []
        for interval in affected {
            if var last = joined.last, let upper = last.upper, let lower = interval.lower,
                !upper.inclusive, !lower.inclusive, upper.version == lower.version
            {
                last.upper = interval.upper
                joined[joined.count - 1] = last
                approximated.append(lower.version)
            } else {
                joined.append(interval)
            }
        }
        affected = joined
        var events: [RangeEvent] = []
        for interval in affected {
            if let lower = interval.lower {
                if !lower.inclusive { approximated.append(lower.version) }
                events.append(.introduced(lower.version))
            } else {
                events.append(.introduced("0"))
            }
            if let upper = interval.upper {
                if upper.inclusive {
                    events.append(.lastAffected(upper.version))
                } else if fixedVersions.contains(upper.version) {
                    events.append(.fixed(upper.version))
                } else {
                    events.append(.limit(upper.version))
                }
            }
        }
        return Conversion(events: events, approximatedBounds: approximated)
    }
}
