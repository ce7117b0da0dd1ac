import AdvisoryFeeds
import AdvisoryModel
import Foundation
import VulnerabilityStore

/// Reads downloaded feed files (a file, or every file of a directory), splits archives into
/// documents, parses them with the feed's parser and adds the records to a database builder.
/// Throws ``FeedError`` naming the file and what is wrong; the caller abandons the builder, so a
/// bad feed never reaches the live database.
struct FeedImporter {
    /// Largest feed file read (a file beyond it is refused before any byte is read).
    var maximumFileSize = 1 << 30
    var limits = FeedLimits()

    struct Counts {
        var advisories = 0
        var enrichments = 0
        var documents = 0
        var skipped: [String] = []
    }

    func importFiles(
        _ paths: [String],
        feed: FeedSource,
        into builder: VulnerabilityDatabaseBuilder
    ) throws -> Counts {
        let parser = feed.kind.parser(source: feed.id)
        var counts = Counts()
        for path in paths {
            try forEachFile(path) { file in
                let bytes = try read(file)
                try FeedArchive.documents(in: bytes, path: file, limits: limits) { (document) throws(FeedError) in
                    guard parser.accepts(path: document.path) else { return }
                    let records = try parser.parse(document)
                    counts.documents += 1
                    do {
                        for advisory in records.advisories { try builder.add(advisory) }
                        for e in records.enrichments { try builder.add(e, source: feed.id) }
                    } catch {
                        throw FeedError(.malformed, path: document.path, reason: "cannot store records: \(error)")
                    }
                    counts.advisories += records.advisories.count
                    counts.enrichments += records.enrichments.count
                    if counts.skipped.count < 1000 { counts.skipped += records.skipped }
                }
            }
        }
        if counts.documents == 0 {
            throw FeedError(
                .malformed,
                path: paths.joined(separator: ", "),
                reason: "no \(feed.kind.rawValue) document found in the feed (wrong kind or empty download?)"
            )
        }
        return counts
    }

    private func forEachFile(_ path: String, _ body: (String) throws -> Void) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FeedError(.malformed, path: path, reason: "file not found")
        }
        guard isDirectory.boolValue else { return try body(path) }
        let root = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: root) else { return }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            let full = root + "/" + relative
            let attributes = try? FileManager.default.attributesOfItem(atPath: full)
            // Symbolic links are never followed: a link could point outside the feed directory.
            if attributes?[.type] as? FileAttributeType == .typeRegular { files.append(full) }
        }
        for file in files.sorted() { try body(file) }
    }

    private func read(_ path: String) throws -> [UInt8] {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        if size > maximumFileSize {
            throw FeedError(
                .tooLarge,
                path: path,
                reason: "file is \(size) bytes, more than the \(maximumFileSize)-byte limit for one feed file"
            )
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FeedError(.malformed, path: path, reason: "cannot open the file")
        }
        defer { try? handle.close() }
        let data = (try? handle.readToEnd()) ?? Data()
        return [UInt8](data)
    }
}
