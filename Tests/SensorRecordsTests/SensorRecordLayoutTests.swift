import Foundation
import Testing

@testable import SensorRecords

/// The Swift mirror of the record layout against the C header the BPF program is compiled with.
struct SensorRecordLayoutTests {
    static let headerPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Sources/KernelSensor/BPF/sensor_event.h").path

    /// `#define NAME <integer>` lines of the header.
    static func definitions() throws -> [String: Int] {
        let text = try String(contentsOfFile: headerPath, encoding: .utf8)
        var definitions: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count == 3, words[0] == "#define", let value = Int(words[2]) else { continue }
            definitions[String(words[1])] = value
        }
        return definitions
    }

    @Test func everySwiftOffsetMatchesTheCHeader() throws {
        let header = try Self.definitions()
        #expect(header.count >= SensorRecordLayout.cDefinitions.count)
        for (name, swiftValue) in SensorRecordLayout.cDefinitions.sorted(by: { $0.key < $1.key }) {
            #expect(
                header[name] == swiftValue,
                "\(name): C \(header[name].map(String.init) ?? "missing"), Swift \(swiftValue)"
            )
        }
    }

    @Test func everyCOffsetIsMirroredInSwift() throws {
        let header = try Self.definitions()
        let offsets = header.keys.filter { $0.hasPrefix("SENSOR_OFFSET_") || $0.hasPrefix("SENSOR_SIZE_") }
        #expect(offsets.count > 30)
        for name in offsets.sorted() {
            #expect(SensorRecordLayout.cDefinitions[name] != nil, "\(name) is not mirrored in SensorRecordLayout")
        }
    }
}
