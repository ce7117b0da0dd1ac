import ProjectConfiguration
import Testing

/// The `watch:` section of `.bulkhead.yaml`.
struct WatchConfigurationTests {
    @Test func parsesEveryWatchKey() throws {
        let yaml = """
            watch:
              rules: [rules.d, extra.yaml]
              outputs:
                - stdout
                - "syslog+tcp://127.0.0.1:514;facility=local0"
              min-priority: warning
              enable-rules: [A]
              disable-rules: B
              enable-tags: [t1]
              disable-tags: [t2, t3]
              dedup-window: 30s
              rate-limit: 20/s:200
              queue-size: 500
              flush-timeout: 3s
              json-output: true
              fail-on: critical
              rule-matching: first
            """
        let watch = try #require(try ConfigurationFile.parse(bulkheadYAML: yaml, path: ".bulkhead.yaml").watch)
        #expect(watch.rules == ["rules.d", "extra.yaml"])
        #expect(watch.outputs == ["stdout", "syslog+tcp://127.0.0.1:514;facility=local0"])
        #expect(watch.minimumPriority == "warning")
        #expect(watch.enabledRules == ["A"] && watch.disabledRules == ["B"])
        #expect(watch.enabledTags == ["t1"] && watch.disabledTags == ["t2", "t3"])
        #expect(watch.dedupWindow == "30s" && watch.rateLimit == "20/s:200")
        #expect(watch.queueSize == 500 && watch.flushTimeout == "3s")
        #expect(watch.jsonOutput == true && watch.failOn == "critical")
        #expect(watch.ruleMatching == "first")
    }

    @Test func camelCaseKeysBareNumbersAndOff() throws {
        let yaml = "watch:\n  dedupWindow: 0\n  rateLimit: off\n  queueSize: 1\n  minPriority: notice\n"
        let watch = try #require(try ConfigurationFile.parse(bulkheadYAML: yaml, path: "c.yaml").watch)
        #expect(watch.dedupWindow == "0")
        #expect(watch.rateLimit == "off")
        #expect(watch.queueSize == 1)
        #expect(watch.minimumPriority == "notice")
        #expect(try ConfigurationFile.parse(bulkheadYAML: "version: 1\n", path: "c.yaml").watch == nil)
    }

    @Test(arguments: [
        ("watch:\n  bogus: 1\n", "unknown key 'watch.bogus'"),
        ("watch:\n  queue-size: 0\n", "'watch.queue-size' must be an integer of at least 1"),
        ("watch:\n  queue-size: many\n", "'watch.queue-size' must be an integer"),
        ("watch:\n  json-output: maybe\n", "'watch.json-output' must be true or false"),
        ("watch:\n  rules: {a: b}\n", "'watch.rules' must be a list of strings"),
        ("watch: [1]\n", "'watch' must be a mapping"),
    ])
    func rejects(_ yaml: String, _ message: String) {
        do {
            _ = try ConfigurationFile.parse(bulkheadYAML: yaml, path: "c.yaml")
            Issue.record("accepted \(yaml)")
        } catch {
            #expect(error.description.contains(message), "\(error)")
            #expect(error.description.hasPrefix("c.yaml: "))
        }
    }
}
