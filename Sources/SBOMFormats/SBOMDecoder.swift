public import SecurityModel

/// Reads an SBOM file back into packages: CycloneDX JSON (1.2–1.7), SPDX 2.x JSON, syft JSON and Bulkhead JSON,
/// recognised from their content.
///
/// Malformed input never crashes: a file that is not JSON or not a known format throws
/// ``SBOMDecodingError``; an entry that cannot be read (a component without a name) is skipped and
/// reported in ``DecodedSBOM/diagnostics``.
public enum SBOMDecoder {
    /// Decodes `bytes`; `subject` names the file in errors and diagnostics.
    public static func decode(_ bytes: [UInt8], subject: String = "") throws(SBOMDecodingError) -> DecodedSBOM {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard start < bytes.count else {
            throw SBOMDecodingError(code: .invalidJSON, subject: subject, message: "the file is empty")
        }
        if bytes[start] == UInt8(ascii: "<") {
            throw SBOMDecodingError(
                code: .unsupportedFormat,
                subject: subject,
                message: "XML SBOMs (CycloneDX XML, SPDX RDF/XML) are not supported; use the JSON form"
            )
        }
        if bytes[start] != UInt8(ascii: "{") {
            let head = String(decoding: bytes[start..<min(bytes.count, start + 4096)], as: UTF8.self)
            if head.hasPrefix("SPDXVersion:") || head.contains("\nSPDXVersion:") {
                throw SBOMDecodingError(
                    code: .unsupportedFormat,
                    subject: subject,
                    message: "SPDX tag-value documents are not supported; use SPDX JSON"
                )
            }
            if head.hasPrefix("spdxVersion:") || head.contains("\nspdxVersion:") || head.hasPrefix("---") {
                throw SBOMDecodingError(
                    code: .unsupportedFormat,
                    subject: subject,
                    message: "YAML SBOMs are not supported; use JSON"
                )
            }
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes: Array(bytes[start...]))
        } catch {
            throw SBOMDecodingError(
                code: .invalidJSON,
                subject: subject,
                message: "not a JSON SBOM: \(error)",
                underlying: error
            )
        }
        return try decode(json, subject: subject)
    }

    /// Decodes an already parsed document.
    public static func decode(_ json: JSONValue, subject: String = "") throws(SBOMDecodingError) -> DecodedSBOM {
        guard json.objectMembers != nil else {
            throw SBOMDecodingError(
                code: .unsupportedFormat,
                subject: subject,
                message: "an SBOM must be a JSON object"
            )
        }
        if let format = json["bomFormat"] {
            guard format.stringValue == "CycloneDX" else {
                throw SBOMDecodingError(
                    code: .unsupportedFormat,
                    subject: subject,
                    message: "bomFormat is \(format.serialized(pretty: false).prefix(64)), not \"CycloneDX\""
                )
            }
            return try CycloneDXDecoder.decode(json, subject: subject)
        }
        if let version = json["spdxVersion"] {
            guard let text = version.stringValue, text.hasPrefix("SPDX-2.") else {
                throw SBOMDecodingError(
                    code: .unsupportedFormat,
                    subject: subject,
                    message:
                        "spdxVersion \(version.serialized(pretty: false).prefix(64)) is not supported (SPDX 2.x only)"
                )
            }
            return try SPDXDecoder.decode(json, subject: subject)
        }
        if json["@context"] != nil || json["@graph"] != nil {
            throw SBOMDecodingError(
                code: .unsupportedFormat,
                subject: subject,
                message: "SPDX 3 (JSON-LD) documents are not supported"
            )
        }
        if json["schemaVersion"] != nil, json["packages"] != nil, json["source"] != nil {
            return try NativeSBOMDecoder.decode(json, subject: subject)
        }
        if json["artifacts"] != nil, json["schema"]?["url"]?.stringValue?.contains("syft") == true {
            return try SyftJSONDecoder.decode(json, subject: subject)
        }
        throw SBOMDecodingError(
            code: .unsupportedFormat,
            subject: subject,
            message:
                "not a CycloneDX, SPDX 2.x, syft or Bulkhead SBOM (no bomFormat, spdxVersion, artifacts or schemaVersion)"
        )
    }

    /// The package type a free-text hint (SPDX `sourceInfo`, `packageFileName`, a cataloger name) suggests.
    static func typeHint(_ text: String) -> PackageType? {
        let t = text.lowercased()
        let table: [(String, PackageType)] = [
            ("apk", .apk), ("dpkg", .deb), ("status.d", .deb), ("rpm", .rpm), ("dist-info", .python),
            ("egg-info", .python), ("python", .python), ("pypi", .python), ("node_modules", .npm), ("npm", .npm),
            ("package.json", .npm), ("yarn", .npm), ("pnpm", .npm), ("gemspec", .gem), ("gem", .gem),
            ("cargo", .cargo), ("rust", .cargo), ("composer", .composer), ("nuget", .nuget), ("deps.json", .nuget),
            ("go module", .goModule), ("go-module", .goModule), ("golang", .goModule), ("gomod", .goModule),
            ("maven", .javaArchive), ("java", .javaArchive), (".jar", .javaArchive), ("pom.", .javaArchive),
        ]
        return table.first { t.contains($0.0) }?.1
    }

    /// Reads a `bulkhead:key=value` line list (SPDX annotation comment) into pairs, values unescaped.
    static func bulkheadFields(_ comment: String) -> [(String, String)] {
        comment.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("bulkhead:"), let eq = line.firstIndex(of: "=") else { return nil }
            let key = String(line[line.index(line.startIndex, offsetBy: 9)..<eq])
            return (key, unescape(line[line.index(after: eq)...]))
        }
    }

    private static func unescape(_ text: Substring) -> String {
        guard text.contains("\\") else { return String(text) }
        var out = String.UnicodeScalarView()
        var escaped = false
        for s in text.unicodeScalars {
            if escaped {
                switch s {
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(s)
                }
                escaped = false
            } else if s == "\\" {
                escaped = true
            } else {
                out.append(s)
            }
        }
        return String(out)
    }

    /// `cataloger: rest` back into a diagnostic (the path is not separable and stays in the message).
    static func diagnostic(_ text: String, fallbackCataloger: String) -> InventoryDiagnostic {
        guard let range = text.firstRange(of: ": ") else {
            return InventoryDiagnostic(catalogerID: fallbackCataloger, path: "", message: text)
        }
        return InventoryDiagnostic(
            catalogerID: String(text[..<range.lowerBound]),
            path: "",
            message: String(text[range.upperBound...])
        )
    }
}
