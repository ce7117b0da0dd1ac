/// One comparator of an npm range after desugaring: an operator and a version, or "any version".
public struct NPMComparator: Sendable, Hashable, CustomStringConvertible {
    /// The comparison operator.
    public enum Operator: String, Sendable, Hashable {
        case equal = ""
        case greater = ">"
        case greaterOrEqual = ">="
        case less = "<"
        case lessOrEqual = "<="
    }

    /// The operator (meaningless when ``version`` is nil).
    public let op: Operator
    /// The bound; nil means any version.
    public let version: SemanticVersion?

    init(op: Operator, version: SemanticVersion?) {
        self.op = op
        self.version = version
    }

    /// node-semver's `Comparator#value`: the operator and the version without build metadata.
    public var description: String {
        guard let version else { return "" }
        var text = "\(version.major).\(version.minor).\(version.patch)"
        if version.isPreRelease { text += "-" + version.preRelease.joined(separator: ".") }
        return op.rawValue + text
    }

    var isAny: Bool { version == nil }
    var isNullSet: Bool { description == "<0.0.0-0" }

    /// Whether `candidate` passes this single comparator.
    public func matches(_ candidate: SemanticVersion) -> Bool {
        guard let version else { return true }
        switch op {
        case .equal: return candidate == version
        case .greater: return candidate > version
        case .greaterOrEqual: return candidate >= version
        case .less: return candidate < version
        case .lessOrEqual: return candidate <= version
        }
    }
}
