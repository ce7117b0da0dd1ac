public import Foundation
public import SecurityModel

/// Checks of the per-rule documentation in docs/rules, shared by every catalogue's tests.
public enum RulePages {
    /// The repository root, found from this file with symlinks resolved (development packages link the tests in).
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// What is wrong with the pages of `descriptors`: a missing page, a header that does not match the
    /// descriptor, a wrong severity, an alias the page does not mention, or a missing row in docs/rules/README.md.
    public static func problems(_ descriptors: [RuleDescriptor]) -> [String] {
        var problems: [String] = []
        let index =
            (try? String(
                contentsOfFile: repositoryRoot.appendingPathComponent("docs/rules/README.md").path,
                encoding: .utf8
            )) ?? ""
        for d in descriptors {
            let path = repositoryRoot.appendingPathComponent(d.documentationPath).path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                problems.append("\(d.id): no page at \(path)")
                continue
            }
            if !text.hasPrefix("# \(d.id) \(d.slug): ") { problems.append("\(d.id): header") }
            if !text.contains("| Severity | \(d.severity) |") { problems.append("\(d.id): severity") }
            for alias in d.aliases where !text.contains(alias) { problems.append("\(d.id): lacks alias \(alias)") }
            if !index.contains("| [\(d.id)](\(d.id).md) | \(d.slug) |") { problems.append("\(d.id): not in the index") }
        }
        return problems
    }
}
