public import SecurityModel

/// The human table of `bulkhead sbom --format table`: `NAME VERSION TYPE SOURCE LAYER`, columns aligned,
/// rows sorted by type, then name, then version.
///
/// Control characters (escape sequences included) in package data are shown as `?` so that a hostile
/// package name cannot drive the terminal; wide (East Asian, emoji) characters count two columns.
public enum SBOMTable {
    /// The column titles.
    public static let header = ["NAME", "VERSION", "TYPE", "SOURCE", "LAYER"]

    /// The table text, one line per package after the header, each ending in a newline;
    /// `No packages found.` when there are none.
    public static func render(_ inventory: Inventory) -> String {
        render(inventory.packages)
    }

    /// The table for `packages`.
    public static func render(_ packages: [Package]) -> String {
        // PackageIdentity's order starts with type, name, version.
        let ordered = PackageIdentity.ordered(packages)
        guard !ordered.isEmpty else { return "No packages found.\n" }
        let rows: [[String]] = ordered.map { p in
            var source = p.sourceName ?? ""
            if let v = p.sourceVersion, !v.isEmpty, v != p.version { source += source.isEmpty ? v : " (" + v + ")" }
            return [
                p.name, p.version.isEmpty ? "-" : p.version, p.type.rawValue, source.isEmpty ? "-" : source,
                p.layerIndex.map(String.init) ?? "-",
            ].map(sanitized)
        }
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], displayWidth(cell)) } }
        var out = ""
        for row in all {
            var line = ""
            for (i, cell) in row.enumerated() {
                line += cell
                if i < row.count - 1 { line += String(repeating: " ", count: widths[i] - displayWidth(cell) + 2) }
            }
            out += line + "\n"
        }
        return out
    }

    /// `text` with control characters (C0, DEL, C1) replaced by `?`.
    static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(isControl(scalar) ? "?" : scalar) }
        return String(out)
    }

    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
    }

    /// Terminal columns of `text`: two for wide characters, zero for combining marks, one otherwise.
    static func displayWidth(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if scalar.properties.generalCategory == .nonspacingMark
                || scalar.properties.generalCategory == .enclosingMark
                || v == 0x200D || (0xFE00...0xFE0F).contains(v)
            {
                continue
            }
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
                || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
                || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
                || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
                || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
            width += wide ? 2 : 1
        }
        return width
    }
}
