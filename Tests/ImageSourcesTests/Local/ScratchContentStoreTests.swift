import Foundation
import ImageSources
import OCIImage
import SecurityModel
import Testing

struct ScratchContentStoreTests {
    private func permissions(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func storesPrivatelyAndCleansUp() throws {
        let parent = try Local.temporaryDirectory("store")
        defer { try? FileManager.default.removeItem(atPath: parent) }
        var directory = ""
        do {
            let store = try ScratchContentStore(parent: parent)
            directory = store.directory.path
            #expect(try permissions(directory) == 0o700)
            let id = try store.begin(path: "/etc/shadow", expectedSize: 6)
            try Array("secret".utf8).withUnsafeBytes { try store.append($0, to: id) }
            try store.finish(id)
            #expect(try store.contents(of: id, path: "/etc/shadow", limit: 100) == Array("secret".utf8))
            let files = Local.listing(directory)
            #expect(files == ["c1"])
            #expect(try permissions(directory + "/c1") == 0o600)
            let tooBig = #expect(throws: FileTreeError.self) {
                try store.contents(of: id, path: "/etc/shadow", limit: 3)
            }
            #expect(tooBig?.code == .tooLarge)
            store.release(id)
            #expect(Local.listing(directory).isEmpty)
            #expect(throws: FileTreeError.self) { try store.contents(of: id, path: "/etc/shadow", limit: 100) }
            _ = try store.begin(path: "/x", expectedSize: 1)
        }
        #expect(!FileManager.default.fileExists(atPath: directory))
        #expect(Local.listing(parent).isEmpty)
    }

    @Test func refusesContentOverTheBudget() throws {
        let parent = try Local.temporaryDirectory("store")
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let store = try ScratchContentStore(parent: parent, budget: 10)
        _ = try store.begin(path: "/a", expectedSize: 8)
        let error = #expect(throws: ImageError.self) { try store.begin(path: "/b", expectedSize: 8) }
        #expect(error?.code == .tooLarge)
    }

    @Test func scratchDirectoryDefaultsToAWritablePlace() {
        #expect(!ScratchDirectory.defaultParent.isEmpty)
    }
}
