/// Splits shell text into words and simple commands, working on UTF-8 bytes.
enum ShellScript {
    /// The simple commands of `script`, in order; empty commands are dropped.
    static func commands(in script: String) -> [ShellCommand] {
        var commands: [ShellCommand] = []
        scan(script, comments: true) { words in
            if !words.isEmpty { commands.append(ShellCommand(words: words)) }
        }
        return commands
    }

    /// Every word of `text`, quotes removed, ignoring command boundaries. `#` starts no comment here, so
    /// that `#(nop) ENV A=b` of a classic history entry still yields `A=b`.
    static func words(in text: String) -> [String] {
        var all: [String] = []
        scan(text, comments: false) { words in all += words }
        return all
    }

    /// Calls `emit` with the words of each simple command.
    private static func scan(_ text: String, comments: Bool, _ emit: ([String]) -> Void) {
        let b = Array(text.utf8)
        var words: [String] = []
        var word: [UInt8] = []
        var started = false
        var inSingle = false
        var inDouble = false
        var i = 0

        func endWord() {
            if started { words.append(String(decoding: word, as: UTF8.self)) }
            word.removeAll(keepingCapacity: true)
            started = false
        }
        func endCommand() {
            endWord()
            emit(words)
            words.removeAll(keepingCapacity: true)
        }

        while i < b.count {
            let c = b[i]
            if inSingle {
                if c == UInt8(ascii: "'") { inSingle = false } else { word.append(c) }
                i += 1
                continue
            }
            if c == UInt8(ascii: "\\") {
                if i + 1 < b.count {
                    let next = b[i + 1]
                    if next == 0x0A {
                        i += 2
                        continue
                    }
                    if inDouble, next != UInt8(ascii: "\""), next != UInt8(ascii: "\\"), next != UInt8(ascii: "$") {
                        word.append(c)
                    }
                    word.append(next)
                    started = true
                    i += 2
                } else {
                    i += 1
                }
                continue
            }
            if inDouble {
                if c == UInt8(ascii: "\"") { inDouble = false } else { word.append(c) }
                i += 1
                continue
            }
            switch c {
            case UInt8(ascii: "'"):
                inSingle = true
                started = true
            case UInt8(ascii: "\""):
                inDouble = true
                started = true
            case 0x20, 0x09, 0x0D:
                endWord()
            case 0x0A, UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "("), UInt8(ascii: ")"):
                endCommand()
            case UInt8(ascii: "#") where comments && !started:
                // A comment runs to the end of the line.
                while i < b.count, b[i] != 0x0A { i += 1 }
                continue
            default:
                word.append(c)
                started = true
            }
            i += 1
        }
        endCommand()
    }
}
