import DockerfileLint
import Foundation
import ReportFormats
import SecurityModel

/// `--list-rules`: the rule catalogue as a table or JSON.
enum RuleListing {
    static func render(_ rules: [RuleDescriptor], options: LintOptions, format: OutputFormat) -> String {
        if format == .json {
            let items: [JSONValue] = rules.map { r in
                .object([
                    ("id", .string(r.id)), ("slug", .string(r.slug)),
                    ("aliases", .array(r.aliases.map { .string($0) })),
                    ("title", .string(r.title)), ("severity", .string(options.severity(of: r).rawValue)),
                    ("enabled", .bool(options.isActive(r))), ("tags", .array(r.tags.map { .string($0) })),
                ])
            }
            return JSONValue.object([("schemaVersion", .string(Report.schemaVersion)), ("rules", .array(items))])
                .serialized() + "\n"
        }
        var out = ""
        for r in rules {
            let id = r.id.padding(toLength: 8, withPad: " ", startingAt: 0)
            let alias = r.aliases.joined(separator: ",").padding(toLength: 14, withPad: " ", startingAt: 0)
            let sev = options.severity(of: r).rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
            let on = options.isActive(r) ? "on " : "off"
            out += "\(id) \(alias) \(sev) \(on) \(r.title)\n"
        }
        return out
    }
}
