import Foundation
import OCIImage
import SBOMFormats
import SecurityModel
import VulnerabilityReports

/// The packages of whatever `bulkhead scan` was pointed at.
struct ScanSubject {
    var kind: ScanResult.TargetKind
    var name: String
    var image: ImageMetadata?
    var operatingSystem: OperatingSystem?
    var packages: [Package]
    var notes: [String]
    var diagnostics: [InventoryDiagnostic]

    /// Identifiers VEX products may use for the subject itself.
    var identifiers: [String] {
        var ids = [name]
        if let image {
            ids += image.repoTags
            if let d = image.manifestDigest { ids.append(d) }
            if let d = image.configDigest { ids.append(d) }
        }
        return ids
    }

    func inventory(created: String) -> Inventory {
        Inventory(
            subject: image.map { .image($0) } ?? .directory(path: name),
            operatingSystem: operatingSystem,
            packages: packages,
            diagnostics: diagnostics,
            tool: Inventory.Tool(version: Bulkhead.version),
            created: created
        )
    }

    /// A regular file whose first non-space byte is `{` is taken for an SBOM.
    static func looksLikeSBOM(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let handle = FileHandle(forReadingAtPath: path)
        else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64)) ?? Data()
        return head.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) } == UInt8(ascii: "{")
    }

    static func sbom(path: String) throws -> ScanSubject {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= 512 << 20 else { throw ScanFailure("\(path): SBOM is larger than 512 MiB") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScanFailure("cannot read SBOM \(path)")
        }
        let decoded: DecodedSBOM
        do { decoded = try SBOMDecoder.decode([UInt8](data), subject: path) } catch {
            throw ScanFailure("\(path): not a readable SBOM: \(error)")
        }
        var notes: [String] = []
        if decoded.operatingSystem == nil, decoded.packages.contains(where: { [.apk, .deb, .rpm].contains($0.type) }) {
            notes.append("the SBOM names no operating system: OS packages cannot be matched to a distribution release")
        }
        return ScanSubject(
            kind: .sbom,
            name: decoded.subjectName ?? path,
            image: nil,
            operatingSystem: decoded.operatingSystem,
            packages: decoded.packages,
            notes: notes + decoded.diagnostics.map(\.description),
            diagnostics: decoded.diagnostics
        )
    }

    static func image(_ settings: ImageTargetSettings, kind: ScanResult.TargetKind) throws -> ScanSubject {
        let analysis: ImageAnalysis
        switch Result(catching: { () throws(ImageError) -> ImageAnalysis in
            try ImageAnalyzer.analyze(ImageAnalyzer.open(settings), extraRequired: { _ in false })
        }) {
        case .success(let a): analysis = a
        case .failure(let error): throw ScanFailure(error.description)
        }
        return ScanSubject(
            kind: analysis.isImage ? .image : kind,
            name: settings.argument,
            image: analysis.isImage ? analysis.metadata : nil,
            operatingSystem: analysis.operatingSystem,
            packages: analysis.packages,
            notes: analysis.diagnostics.filter { $0.catalogerID != "catalog" || kind != .filesystem }.map(
                \.description
            ),
            diagnostics: analysis.diagnostics
        )
    }
}
