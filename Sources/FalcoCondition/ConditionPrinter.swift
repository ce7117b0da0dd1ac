/// Renders a ``ConditionNode`` as canonical condition text.
///
/// Canonical form: one line, single spaces, `=` for equality, quoted strings with `"` (escaping
/// `\` and `"`), parentheses only where precedence or an explicit nesting needs them (and always
/// around an `and` inside an `or`, for readability). Parsing the output gives back an equal node.
public enum ConditionPrinter {
    /// The canonical text of `node`.
    public static func text(of node: ConditionNode) -> String {
        var out = ""
        write(node, to: &out)
        return out
    }

    /// The canonical text of a right-hand-side value.
    public static func text(of value: ConditionValue) -> String {
        switch value {
        case .string(let s): return quoted(s)
        case .bareWord(let s), .number(let s), .listName(let s): return s
        case .list(let items): return "(" + items.map { text(of: $0) }.joined(separator: ", ") + ")"
        // A transformed field needs no `val()` (and one more level of nesting would not parse at the limit).
        case .field(let field): return field.transformers.isEmpty ? "val(" + field.description + ")" : field.description
        }
    }

    /// `s` in double quotes with `\` and `"` escaped.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            if scalar == "\\" || scalar == "\"" { out.append("\\") }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }

    /// True when `argument` can be written unquoted inside `[…]`.
    static func isBareFieldArgument(_ argument: String) -> Bool {
        !argument.isEmpty && argument.utf8.allSatisfy(isBareArgumentByte)
    }

    private static func write(_ node: ConditionNode, to out: inout String) {
        switch node {
        case .and(let operands):
            for (index, operand) in operands.enumerated() {
                if index > 0 { out += " and " }
                writeOperand(operand, parenthesize: isAndOrOr(operand), to: &out)
            }
        case .or(let operands):
            for (index, operand) in operands.enumerated() {
                if index > 0 { out += " or " }
                writeOperand(operand, parenthesize: isAndOrOr(operand), to: &out)
            }
        case .not(let operand):
            out += "not "
            writeOperand(operand, parenthesize: isAndOrOr(operand), to: &out)
        case .comparison(let comparison):
            out += comparison.field.description + " " + comparison.comparisonOperator.rawValue + " "
            if let modifier = comparison.modifier { out += modifier.rawValue + " " }
            out += text(of: comparison.value)
        case .exists(let field):
            out += field.description + " exists"
        case .macroReference(let name):
            out += name
        }
    }

    private static func writeOperand(_ node: ConditionNode, parenthesize: Bool, to out: inout String) {
        if parenthesize { out += "(" }
        write(node, to: &out)
        if parenthesize { out += ")" }
    }

    private static func isAndOrOr(_ node: ConditionNode) -> Bool {
        switch node {
        case .and, .or: return true
        default: return false
        }
    }
}
