import OCIImage
import SecurityModel

/// One image of a `docker save` archive's `manifest.json`: `Config`, `RepoTags`, `Layers` (paths of
/// members in the archive).
struct DockerSaveManifest: Sendable, Hashable {
    var config: String
    var repoTags: [String]
    var layers: [String]

    /// Parses `manifest.json` (an array of such objects).
    static func parse(_ bytes: [UInt8], subject: String, limits: ImageReadLimits) throws(ImageError)
        -> [DockerSaveManifest]
    {
        guard bytes.count <= limits.maximumJSONSize else {
            throw ImageError(code: .tooLarge, subject: subject, message: "manifest.json is \(bytes.count) bytes")
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes: bytes)
        } catch {
            throw ImageError(code: .malformed, subject: subject, message: "invalid JSON: \(error)", underlying: error)
        }
        guard let items = json.arrayValue else {
            throw ImageError(code: .malformed, subject: subject, message: "manifest.json is not an array")
        }
        var out: [DockerSaveManifest] = []
        for (i, item) in items.enumerated() {
            guard let config = item["Config"]?.stringValue, let layerList = item["Layers"]?.arrayValue else {
                throw ImageError(code: .malformed, subject: subject, message: "entry \(i) has no Config or Layers")
            }
            var layers: [String] = []
            for layer in layerList {
                guard let path = layer.stringValue else {
                    throw ImageError(code: .malformed, subject: subject, message: "entry \(i) has a non-string layer")
                }
                layers.append(path)
            }
            let tags = (item["RepoTags"]?.arrayValue ?? []).compactMap(\.stringValue)
            out.append(DockerSaveManifest(config: config, repoTags: tags, layers: layers))
        }
        return out
    }

    /// The digest a member path names: `blobs/sha256/<hex>` (Docker 25+) or `<hex>.json` (the
    /// legacy config file, named by the image id).
    static func digest(ofPath path: String) -> Digest? {
        let name = TarArchive.normalize(path)
        let parts = name.split(separator: "/")
        if parts.count == 3, parts[0] == "blobs" { return Digest("\(parts[1]):\(parts[2])") }
        if parts.count == 1, name.hasSuffix(".json") { return Digest("sha256:" + name.dropLast(5)) }
        return nil
    }
}
