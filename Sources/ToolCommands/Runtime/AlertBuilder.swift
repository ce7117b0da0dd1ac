import AlertFormats
import FalcoRules
import RuleEngine
import RuntimeEvents

/// Builds alerts from rule matches with what was prepared once per rule at load time: the compiled
/// output template, the alert priority and the tags.
struct AlertBuilder {
    private struct Prepared {
        var template: OutputTemplate?
        var priority: RulePriority
    }

    let hostname: String
    private var prepared: [String: Prepared] = [:]

    init(hostname: String) { self.hostname = hostname }

    /// Prepares `rule` (call once per loaded rule); `template` nil prints the raw output text.
    mutating func prepare(_ rule: FalcoRule, template: OutputTemplate?) {
        prepared[rule.name] = Prepared(
            template: template,
            priority: rule.priority
        )
    }

    /// The alert for `match` on `event`, rendered against the process table as it is now.
    func alert(for match: RuleMatch, event: RuntimeEvent, table: ProcessTable) -> Alert {
        let rule = match.rule
        let entry = prepared[rule.name]
        let rendered = entry?.template?.render(event, table) ?? (text: rule.output, fields: [])
        return Alert(
            time: event.timestamp,
            rule: rule.name,
            priority: entry?.priority ?? rule.priority,
            source: rule.source,
            tags: rule.tags,
            output: rendered.text,
            outputFields: rendered.fields,
            hostname: hostname
        )
    }
}
