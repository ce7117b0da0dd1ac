/// Makes untrusted text safe to print on a terminal.
///
/// Messages and snippets come from scanned files, which may contain escape sequences or
/// bidirectional overrides. They are shown visibly instead of being interpreted, so a scanned file
/// can neither restyle the terminal nor hide text (and the output stays free of ANSI when colour is off).
public enum TerminalText {
    /// How one scalar is shown: C0 controls and DEL as Unicode control pictures (`␛`), C1 controls as
    /// U+FFFD, bidirectional formatting characters as `<U+202E>`; tab and everything else unchanged.
    public static func display(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x09: return "\t"
        case 0x00..<0x20: return String(Character(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}"))
        case 0x7F: return "\u{2421}"
        case 0x80...0x9F: return "\u{FFFD}"
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "<U+\(hex)>"
        default: return String(scalar)
        }
    }

    /// One line of text made safe; a newline is shown as `␊` like other controls.
    public static func line(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars { out += display(scalar) }
        return out
    }

    /// Text that may span several lines, made safe line by line; `\r\n` and `\r` count as line breaks.
    public static func lines(_ text: String) -> [String] {
        let normalized = text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
        return normalized.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }
    }
}
