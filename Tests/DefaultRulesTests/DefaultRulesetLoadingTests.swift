import DefaultRules
import FalcoRules
import Foundation
import RuleEngine
import RuntimeEvents
import TestSupport
import Testing

@Suite struct DefaultRulesetLoadingTests {
    private typealias H = DefaultRulesHarness

    @Test func loadsWithoutDiagnosticsAndEveryRuleCompiles() {
        let rules = H.ruleSet
        #expect(DefaultRuleset.fileName == "bulkhead_rules.yaml")
        #expect(rules.diagnostics.isEmpty, "\(rules.diagnostics.map(\.description))")
        #expect(rules.requiredEngineVersion != nil)
        #expect(rules.rules.count == 14)
        #expect(rules.rules.allSatisfy { $0.enabled && !$0.skipped && $0.source == "syscall" })
        let report = H.engine.report
        #expect(report.compiled == rules.rules.map(\.name))
        #expect(report.skipped.isEmpty, "\(report.skipped)")
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(H.engine.rules.count == rules.rules.count)
    }

    @Test func everyRuleIsDescribedTaggedAndNamesProcessUserAndContainer() {
        let technique = /T[0-9]{4}(\.[0-9]{3})?/
        for rule in H.ruleSet.rules {
            #expect(!rule.description.isEmpty, "\(rule.name)")
            #expect(rule.tags.contains("bulkhead"), "\(rule.name)")
            #expect(rule.tags.contains { $0.hasPrefix("mitre_") }, "\(rule.name): no MITRE tactic")
            #expect(rule.tags.contains { $0.wholeMatch(of: technique) != nil }, "\(rule.name): no technique id")
            #expect(rule.tags.contains("container"), "\(rule.name): every rule applies in containers")
            for field in [
                "%proc.name", "%proc.cmdline", "%proc.pname", "%user.name", "%user.uid", "%container.id",
                "%container.name", "%container.image.repository",
            ] {
                #expect(rule.output.contains(field + " ") || rule.output.hasSuffix(field), "\(rule.name): \(field)")
            }
            #expect(rule.priority <= .notice, "\(rule.name)")
        }
    }

    @Test func tunableListsAndMacrosExist() {
        let rules = H.ruleSet
        for list in [
            "allowed_outbound_ports", "trusted_sensitive_file_readers", "package_manager_binaries",
            "known_shell_binaries", "binary_directories", "system_configuration_directories",
            "trusted_host_system_file_writers", "trusted_ptrace_programs", "trusted_kernel_module_loaders",
            "trusted_bpf_loader_images", "trusted_namespace_changers", "container_runtime_socket_paths",
            "trusted_runtime_socket_images", "trusted_memfd_programs", "trusted_setuid_programs",
            "trusted_shell_parent_binaries", "sensitive_credential_files",
        ] {
            #expect(rules.list(named: list) != nil, "\(list)")
        }
        for macro in [
            "in_container", "program_started", "user_expected_container_shell", "user_known_sensitive_file_read",
            "user_known_system_file_write", "user_expected_package_manager_in_container",
            "user_expected_outbound_connection", "user_expected_socket_shell", "user_expected_stream_redirection",
            "cloud_credential_file",
        ] {
            #expect(rules.macro(named: macro) != nil, "\(macro)")
        }
    }

    /// Every field the conditions and outputs use is served by the event model, and is one the live sensor
    /// fills according to the event contract (thread, fd, container, arguments) or the process table derives.
    @Test func everyFieldIsServedLive() {
        let liveFields: Set<String> = [
            "evt.type", "evt.res", "evt.rawres", "evt.num", "evt.args", "evt.is_open_read", "evt.is_open_write",
            "evt.is_open_create", "evt.arg", "evt.rawarg", "fs.path.name", "fs.path.source", "fs.path.target",
            "proc.name", "proc.args", "proc.cmdline", "proc.pname", "proc.aname", "proc.vpid", "proc.exe",
            "proc.exepath",
            "proc.tty", "proc.is_exe_from_memfd", "proc.is_container_healthcheck", "proc.is_container_liveness_probe",
            "proc.is_container_readiness_probe", "user.name", "user.uid", "fd.name", "fd.directory", "fd.filename",
            "fd.type", "fd.types", "fd.sip", "fd.sport", "fd.sockfamily", "fd.l4proto", "container.id",
            "container.name", "container.image.repository",
        ]
        let texts =
            H.ruleSet.rules.map(\.condition) + H.ruleSet.macros.map(\.condition) + H.ruleSet.rules.map(\.output)
        let reference = /(?:^|[\s(%!])([a-z]+\.[a-z0-9_.]*[a-z0-9_](?:\[[0-9]+\])?)/
        var used: Set<String> = []
        for text in texts {
            for match in text.matches(of: reference) { used.insert(String(match.1)) }
        }
        #expect(used.count > 30)
        for field in used.sorted() {
            #expect(EventFields.serves(field), "\(field) is not served")
            let base = field.split(separator: "[").first.map(String.init) ?? field
            let name = ["evt.arg.", "evt.rawarg."].first { base.hasPrefix($0) }.map { String($0.dropLast()) } ?? base
            #expect(liveFields.contains(name), "\(field) is not in the live field set")
        }
    }

    /// The default ruleset and Falco's stable rules load together (either order) with no error, warning or name
    /// clash, and every rule of both compiles.
    @Test func loadsTogetherWithFalcosRules() throws {
        guard let path = Corpus.path("falco/rules-current/falco_rules.yaml") else {
            #expect(!Corpus.integrationRequired, "the corpus is required (BULKHEAD_INTEGRATION=1)")
            print("skipped: corpus falco/rules-current/falco_rules.yaml not found")
            return
        }
        let falco = try String(contentsOfFile: path, encoding: .utf8)
        let falcoOnly = RulesLoader().load(path: "falco_rules.yaml", text: falco)
        let names = { (set: RuleSet) in
            Set(
                set.lists.map { "list \($0.name)" } + set.macros.map { "macro \($0.name)" }
                    + set.rules.map { "rule \($0.name)" }
            )
        }
        #expect(
            names(H.ruleSet).isDisjoint(with: names(falcoOnly)),
            "\(names(H.ruleSet).intersection(names(falcoOnly)))"
        )
        let ours = (path: DefaultRuleset.fileName, text: DefaultRuleset.yaml)
        let theirs = (path: "falco_rules.yaml", text: falco)
        for order in [[ours, theirs], [theirs, ours]] {
            let both = RulesLoader().load(order)
            #expect(both.diagnostics.isEmpty, "\(both.diagnostics.map(\.description))")
            #expect(both.rules.count == H.ruleSet.rules.count + falcoOnly.rules.count)
            let engine = RuleEngine(ruleSet: both)
            #expect(engine.report.failures.isEmpty)
            #expect(engine.report.skipped.isEmpty)
            #expect(engine.report.compiled.count == both.rules.filter(\.enabled).count)
        }
    }

    /// The overriding described in docs/default-rules.md: a user file loaded after the default appends to a list
    /// or replaces a `user_*` macro.
    @Test func userFileLoadedAfterTheDefaultTunesTheRules() throws {
        let user = """
            - list: allowed_outbound_ports
              items: [4444]
              override:
                items: append
            - macro: user_expected_container_shell
              condition: (container.image.repository = bulkhead-test-c-busybox)
              override:
                condition: replace
            """
        let tuned = RulesLoader().load([
            (path: DefaultRuleset.fileName, text: DefaultRuleset.yaml), (path: "user_rules.yaml", text: user),
        ])
        #expect(tuned.diagnostics.isEmpty, "\(tuned.diagnostics.map(\.description))")
        let engine = RuleEngine(ruleSet: tuned)
        let nc = Fixtures.inContainer("nc", args: ["127.0.0.1", "4444"])
        let connect =
            Fixtures.run(nc) + [
                Line.socket(nc, fd: 3), Line.connect(nc, fd: 3, to: "127.0.0.1", port: 4444, res: -111),
            ]
        #expect(try H.fired(connect).contains(RuleCases.outboundRule))
        #expect(try !H.fired(connect, engine: engine).contains(RuleCases.outboundRule))
        #expect(try H.fired(Fixtures.dockerExec).contains(RuleCases.shellRule))
        #expect(try !H.fired(Fixtures.dockerExec, engine: engine).contains(RuleCases.shellRule))
        // Another port still fires.
        let other =
            Fixtures.run(nc) + [
                Line.socket(nc, fd: 3), Line.connect(nc, fd: 3, to: "127.0.0.1", port: 4445, res: -111),
            ]
        #expect(try H.fired(other, engine: engine).contains(RuleCases.outboundRule))
    }
}

@Suite struct DefaultRulesDocumentationTests {
    private static var documentPath: String { Corpus.repositoryRoot + "/docs/default-rules.md" }

    /// docs/default-rules.md lists every rule with its priority, and its override example loads after the default.
    @Test func documentationListsEveryRuleAndItsExampleLoads() throws {
        let text = try String(contentsOfFile: Self.documentPath, encoding: .utf8)
        for rule in DefaultRulesHarness.ruleSet.rules {
            let row = text.split(separator: "\n").first { $0.hasPrefix("| \(rule.name) |") }
            #expect(row != nil, "\(rule.name) is not in the table")
            #expect(row?.contains("| \(rule.priority.description.uppercased()) |") == true, "\(rule.name)")
        }
        let blocks = text.components(separatedBy: "```yaml\n").dropFirst().map {
            $0.components(separatedBy: "```").first ?? ""
        }
        #expect(blocks.count == 1)
        let tuned = RulesLoader().load([
            (path: DefaultRuleset.fileName, text: DefaultRuleset.yaml), (path: "my_rules.yaml", text: blocks[0]),
        ])
        #expect(tuned.diagnostics.isEmpty, "\(tuned.diagnostics.map(\.description))")
        #expect(tuned.list(named: "allowed_outbound_ports")?.items.contains("5432") == true)
        #expect(RuleEngine(ruleSet: tuned).report.failures.isEmpty)
    }
}
