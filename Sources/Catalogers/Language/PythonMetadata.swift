/// The header block of a Python core-metadata file (`METADATA`, `PKG-INFO`): RFC 822-style
/// `Name: value` fields with indented continuation lines, ended by the first blank line.
struct PythonMetadata {
    /// Fields in file order; a field may repeat (`Classifier`).
    private(set) var fields: [(name: String, value: String)] = []

    init(_ text: String) {
        for line in LanguageSupport.lines(text) {
            if line.isEmpty || LanguageSupport.trim(line).isEmpty {
                if fields.isEmpty { continue }
                break  // the body (long description) follows
            }
            if let first = line.utf8.first, first == 0x20 || first == 0x09 {
                guard !fields.isEmpty else { continue }
                fields[fields.count - 1].value += "\n" + LanguageSupport.trim(line)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(LanguageSupport.trim(line[..<colon]))
            let value = String(LanguageSupport.trim(line[line.index(after: colon)...]))
            fields.append((name, value))
        }
    }

    /// The first value of `name` (case-insensitive), or nil.
    func value(_ name: String) -> String? {
        let lower = name.lowercased()
        return fields.first { $0.name.lowercased() == lower }?.value
    }

    /// Every value of `name` (case-insensitive).
    func values(_ name: String) -> [String] {
        let lower = name.lowercased()
        return fields.filter { $0.name.lowercased() == lower }.map(\.value)
    }

    /// Declared licenses: `License-Expression`, else a one-line `License`, else the `License ::` classifiers.
    var licenses: [String] {
        if let expression = value("License-Expression"), !expression.isEmpty { return [expression] }
        if let license = value("License"), !license.isEmpty, !license.contains("\n"), license.count <= 100,
            license.uppercased() != "UNKNOWN"
        {
            return [license]
        }
        var out: [String] = []
        for classifier in values("Classifier") where classifier.hasPrefix("License ::") {
            let parts = classifier.split(separator: ":").map { LanguageSupport.trim($0) }.filter { !$0.isEmpty }
            guard let last = parts.last, parts.count > 2 else { continue }
            let name = PythonMetadata.classifierLicenses[String(last)] ?? String(last)
            if !out.contains(name) { out.append(name) }
        }
        return out
    }

    /// Trove license classifiers that name exactly one SPDX license.
    static let classifierLicenses: [String: String] = [
        "MIT License": "MIT",
        "ISC License (ISCL)": "ISC",
        "GNU General Public License v2 (GPLv2)": "GPL-2.0-only",
        "GNU General Public License v3 (GPLv3)": "GPL-3.0-only",
        "GNU General Public License v2 or later (GPLv2+)": "GPL-2.0-or-later",
        "GNU General Public License v3 or later (GPLv3+)": "GPL-3.0-or-later",
        "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
        "GNU Lesser General Public License v3 or later (LGPLv3+)": "LGPL-3.0-or-later",
        "GNU Lesser General Public License v2 or later (LGPLv2+)": "LGPL-2.0-or-later",
        "GNU Affero General Public License v3": "AGPL-3.0-only",
        "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
        "The Unlicense (Unlicense)": "Unlicense",
        "Python Software Foundation License": "PSF-2.0",
        "Boost Software License 1.0 (BSL-1.0)": "BSL-1.0",
        "Eclipse Public License 2.0 (EPL-2.0)": "EPL-2.0",
        "zlib/libpng License": "Zlib",
        "CC0 1.0 Universal (CC0 1.0) Public Domain Dedication": "CC0-1.0",
    ]
}
