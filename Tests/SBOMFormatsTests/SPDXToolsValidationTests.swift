import Foundation
import TestSupport
import Testing

@testable import SBOMFormats

/// The SPDX documents pass the SPDX project's own semantic validator (`spdx-tools`, pip package), which
/// checks what the JSON schema cannot: SPDXID syntax, that every relationship and LicenseRef points to
/// something defined, and license-expression syntax against the SPDX license list.
struct SPDXToolsValidationTests {
    static let hasSPDXTools: Bool =
        (try? runProcessBlocking(["python3", "-c", "import spdx_tools.spdx.validation.document_validator"]).status
            == 0) ?? false

    /// The validation messages for each file.
    static func messages(for paths: [String]) async throws -> [[String]] {
        let script = """
            import json, sys, logging
            logging.disable(logging.CRITICAL)
            from spdx_tools.spdx.parser.parse_anything import parse_file
            from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document
            results = []
            for path in sys.argv[1:]:
                try:
                    document = parse_file(path)
                    results.append([m.validation_message for m in validate_full_spdx_document(document)][:20])
                except Exception as e:
                    results.append(["parse failed: " + str(e)[:500]])
            print(json.dumps(results))
            print("checked")
            """
        let result = try await runProcess(["python3", "-c", script] + paths)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        guard lines.last == "checked", lines.count >= 2 else {
            return paths.map { _ in ["spdx-tools did not run (status \(result.status)): \(result.stderr.suffix(1500))"]
            }
        }
        let data = Data(lines[lines.count - 2].utf8)
        return (try JSONSerialization.jsonObject(with: data) as? [[String]]) ?? paths.map { _ in ["bad output"] }
    }

    @Test func documentsPassTheSPDXValidator() async throws {
        guard Self.hasSPDXTools else {
            #expect(!Corpus.integrationRequired, "python3 -m pip install spdx-tools")
            print("skipped: python package spdx-tools not installed")
            return
        }
        var rng = SplitMix64(seed: 4242)
        let inventories =
            [SampleInventory.full, SampleInventory.directory, SampleInventory.empty]
            + (0..<25).map { _ in SampleInventory.random(using: &rng) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "bulkhead-spdx-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (index, inventory) in inventories.enumerated() {
            let url = directory.appendingPathComponent("doc-\(index).spdx.json")
            try Data(SPDXEncoder.encode(inventory).utf8).write(to: url)
            paths.append(url.path)
        }
        // A broken copy proves that the validator reports problems.
        let broken = SPDXEncoder.encode(SampleInventory.full).replacingOccurrences(
            of: "\"SPDXRef-OperatingSystem-alpine-3.19.1\"",
            with: "\"SPDXRef-bad id\""
        )
        let brokenURL = directory.appendingPathComponent("broken.spdx.json")
        try Data(broken.utf8).write(to: brokenURL)
        let results = try await Self.messages(for: paths + [brokenURL.path])
        #expect(results.count == paths.count + 1)
        for (index, messages) in results.dropLast().enumerated() {
            #expect(messages.isEmpty, "document \(index): \(messages)")
        }
        #expect(!(results.last ?? []).isEmpty, "the broken document is rejected")
    }
}
