/// Declared licenses from a Debian `/usr/share/doc/<package>/copyright` file.
///
/// The synopsis of every `License:` field that names licenses (`GPL-2+`, `MPL-1.1 or GPL-2`; not free
/// text such as `This software is provided as-is`), in order of first appearance. Files that are not
/// machine-readable (DEP-5 files start with `Format:`) add the names in references to
/// `/usr/share/common-licenses/<name>` (`GPL-2`, `Apache-2.0`), as syft reads them.
enum DebianCopyright {
    static func licenses(_ bytes: [UInt8]) -> [String] {
        bytes.withUnsafeBufferPointer { buf in
            var found: [String] = []
            var seen = Set<String>()
            func add(_ value: String) {
                if !value.isEmpty, value.lowercased() != "none", seen.insert(value).inserted { found.append(value) }
            }
            let machineReadable = isMachineReadable(buf)
            let marker = Array("/usr/share/common-licenses/".utf8)
            var i = 0
            let n = buf.count
            while i < n {
                var end = i
                while end < n && buf[end] != 0x0A { end += 1 }
                defer { i = end + 1 }
                if end - i > 8, OSBinary.equalsIgnoringCase(buf, i, i + 8, "License:") {
                    var start = i + 8
                    var stop = end
                    while start < stop && OSBinary.isBlank(buf[start]) { start += 1 }
                    while stop > start && OSBinary.isBlank(buf[stop - 1]) { stop -= 1 }
                    let value = OSBinary.string(buf, start, stop)
                    if isLicenseExpression(value) { add(value) }
                } else if !machineReadable {
                    var j = i
                    while j + marker.count <= end {
                        if buf[j] == marker[0] && matches(buf, j, marker) {
                            var k = j + marker.count
                            let nameStart = k
                            while k < end && isNameByte(buf[k]) { k += 1 }
                            var nameEnd = k
                            while nameEnd > nameStart && buf[nameEnd - 1] == UInt8(ascii: ".") { nameEnd -= 1 }
                            add(OSBinary.string(buf, nameStart, nameEnd))
                            j = k
                        } else {
                            j += 1
                        }
                    }
                }
            }
            return found
        }
    }

    /// `GPL-2+`, `MPL-1.1 or GPL-2 or LGPL-2.1`, `GPL-2+ with OpenSSL-exception`: license names joined by
    /// `or`, `and`, `with`; anything else is prose.
    static func isLicenseExpression(_ value: String) -> Bool {
        let words = value.split(separator: " ")
        guard !words.isEmpty else { return false }
        for (k, word) in words.enumerated() {
            if k % 2 == 1 {
                guard ["or", "and", "with", "|", "&"].contains(word.lowercased()) else { return false }
            } else {
                guard word.utf8.allSatisfy(isNameByte), word.utf8.first.map(isNameByte) == true,
                    word.first?.isLetter == true || word.first?.isNumber == true
                else { return false }
            }
        }
        return words.count % 2 == 1
    }

    private static func isMachineReadable(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < buf.count && (buf[i] == 0x0A || OSBinary.isBlank(buf[i])) { i += 1 }
        return buf.count - i >= 7 && OSBinary.equalsIgnoringCase(buf, i, i + 7, "Format:")
    }

    private static func matches(_ buf: UnsafeBufferPointer<UInt8>, _ at: Int, _ marker: [UInt8]) -> Bool {
        for k in 0..<marker.count where buf[at + k] != marker[k] { return false }
        return true
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_")
            || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
    }
}
