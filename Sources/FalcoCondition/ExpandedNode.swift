/// One expanded (sub)condition with its node count, nesting depth and the macro on its deepest path.
struct ExpandedNode {
    var node: ConditionNode
    var size: Int
    var depth: Int
    var deepestMacro: String?
}
