/// Escaping for XML 1.0 text and attribute values.
enum XMLText {
    /// True for characters XML 1.0 allows in a document (`Char` production).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Character data: `& < > " '` become entities; characters XML 1.0 forbids are dropped.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars where isAllowed(scalar) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An attribute value (without the quotes): like ``escaped(_:)``, and tab, line feed and carriage
    /// return become character references so attribute-value normalisation keeps them.
    static func attribute(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars where isAllowed(scalar) {
            switch scalar {
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default: out += escaped(String(scalar))
            }
        }
        return out
    }
}
