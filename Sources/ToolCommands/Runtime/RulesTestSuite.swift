import RuntimeEvents
import SecurityModel
import YAMLDocuments

/// A rule unit-test file (docs/rule-tests.md): a YAML list of cases, each a sequence of recorded events and the
/// rules expected to fire (or not) on them.
struct RulesTestSuite {
    /// One test case.
    struct TestCase {
        var name: String
        var description: String
        /// 1-based line of the case in its file.
        var line: Int
        var events: [RuntimeEvent]
        var fire: [String]
        var notFire: [String]
    }

    /// The file as displayed.
    var file: String
    var cases: [TestCase]

    /// Parses `text`; throws the first problem as `file:line: message`.
    init(text: String, file: String) throws(RulesTestError) {
        self.file = file
        let documents = YAMLDocumentReader(recordsLines: true).read(text)
        var items: [(value: JSONValue, line: Int, lines: [String: Int], path: String)] = []
        for result in documents {
            switch result {
            case .failure(let failure):
                throw RulesTestError("\(file):\(failure.line): invalid YAML: \(failure.message)")
            case .success(let document):
                guard let value = document.value else { continue }
                guard case .array(let list) = value else {
                    throw RulesTestError("\(file):\(document.firstLine): expected a list of test cases")
                }
                for (index, item) in list.enumerated() {
                    let path = "[\(index)]"
                    items.append((item, document.lines[path] ?? document.firstLine, document.lines, path))
                }
            }
        }
        var cases: [TestCase] = []
        var seen: Set<String> = []
        for (ordinal, item) in items.enumerated() {
            let testCase = try Self.parseCase(
                item.value,
                line: item.line,
                lines: item.lines,
                path: item.path,
                file: file
            )
            guard seen.insert(testCase.name).inserted else {
                throw RulesTestError(
                    "\(file):\(item.line): case #\(ordinal + 1): duplicate case name '\(testCase.name)'"
                )
            }
            cases.append(testCase)
        }
        self.cases = cases
    }

    private static func parseCase(
        _ value: JSONValue,
        line: Int,
        lines: [String: Int],
        path: String,
        file: String
    ) throws(RulesTestError) -> TestCase {
        guard case .object(let members) = value else {
            throw RulesTestError("\(file):\(line): a test case must be a mapping")
        }
        guard let name = value["name"]?.stringValue, !name.isEmpty else {
            throw RulesTestError("\(file):\(line): test case: 'name' must be a non-empty string")
        }
        let known: Set<String> = ["name", "description", "events", "expect"]
        for (key, _) in members where !known.contains(key) {
            throw RulesTestError("\(file):\(lines["\(path).\(key)"] ?? line): case '\(name)': unknown key '\(key)'")
        }
        var description = ""
        if let d = value["description"] {
            guard let text = d.stringValue else {
                throw RulesTestError("\(file):\(line): case '\(name)': 'description' must be a string")
            }
            description = text
        }
        guard let eventValues = value["events"]?.arrayValue, !eventValues.isEmpty else {
            throw RulesTestError("\(file):\(line): case '\(name)': 'events' must be a non-empty list of events")
        }
        // The events are recording lines: the header, then one JSON line per event, decoded by RuntimeEvents.
        var recording = #"{"format":"bulkhead-events","version":1}"# + "\n"
        for (index, event) in eventValues.enumerated() {
            // An event without `num` gets its 1-based position: Falco's `never_true` macro is `evt.num=0`.
            var numbered = event
            if case .object(let eventMembers) = event, event["num"] == nil {
                numbered = .object([("num", .int(index + 1))] + eventMembers)
            }
            recording += numbered.serialized(pretty: false) + "\n"
        }
        let decoded: DecodedRecording
        do throws(EventRecordingError) {
            decoded = try EventRecording.decode(recording, source: "\(file): case '\(name)'")
        } catch {
            throw RulesTestError("\(file):\(line): case '\(name)': \(error.message)")
        }
        if let first = decoded.diagnostics.first {
            // Recording line n is event n-1 (line 1 is the header).
            let index = first.line - 2
            let eventLine = lines["\(path).events[\(index)]"] ?? line
            throw RulesTestError("\(file):\(eventLine): case '\(name)': event #\(index + 1): \(first.message)")
        }
        guard let expect = value["expect"], case .object(let expectMembers) = expect else {
            throw RulesTestError("\(file):\(line): case '\(name)': 'expect' must be a mapping with fire and not_fire")
        }
        for (key, _) in expectMembers where key != "fire" && key != "not_fire" {
            throw RulesTestError("\(file):\(line): case '\(name)': expect: unknown key '\(key)'")
        }
        let fire = try ruleNames(expect["fire"], key: "fire", name: name, line: line, file: file)
        let notFire = try ruleNames(expect["not_fire"], key: "not_fire", name: name, line: line, file: file)
        if fire.isEmpty && notFire.isEmpty {
            throw RulesTestError("\(file):\(line): case '\(name)': expect names no rule in fire or not_fire")
        }
        return TestCase(
            name: name,
            description: description,
            line: line,
            events: decoded.events,
            fire: fire,
            notFire: notFire
        )
    }

    private static func ruleNames(
        _ value: JSONValue?,
        key: String,
        name: String,
        line: Int,
        file: String
    ) throws(RulesTestError) -> [String] {
        guard let value, value != .null else { return [] }
        if let single = value.stringValue { return [single] }
        guard let list = value.arrayValue else {
            throw RulesTestError("\(file):\(line): case '\(name)': expect.\(key) must be a list of rule names")
        }
        var names: [String] = []
        for item in list {
            guard let text = item.stringValue else {
                throw RulesTestError("\(file):\(line): case '\(name)': expect.\(key) must be a list of rule names")
            }
            names.append(text)
        }
        return names
    }
}
