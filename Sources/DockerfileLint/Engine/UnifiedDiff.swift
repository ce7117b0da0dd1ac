/// A unified diff (`diff -u` style) between two texts, computed line by line (LCS).
public enum UnifiedDiff {
    /// The diff of `old` → `new` with `context` lines of context, or "" when equal.
    public static func make(old: String, new: String, path: String, context: Int = 3) -> String {
        guard old != new else { return "" }
        let a = splitLines(old), b = splitLines(new)
        let ops = diff(a, b)
        // Group into hunks.
        var out = "--- a/\(path)\n+++ b/\(path)\n"
        var i = 0
        while i < ops.count {
            guard ops[i].kind != .same else {
                i += 1
                continue
            }
            var start = i
            var backtrack = 0
            while start > 0, backtrack < context, ops[start - 1].kind == .same {
                start -= 1
                backtrack += 1
            }
            var end = i
            var sameRun = 0
            while end < ops.count {
                if ops[end].kind == .same {
                    sameRun += 1
                    if sameRun > context * 2 { break }
                } else {
                    sameRun = 0
                }
                end += 1
            }
            // Trim trailing context to `context` lines.
            var trailing = 0
            while end > i, ops[end - 1].kind == .same { end -= 1; trailing += 1 }
            end = min(ops.count, end + min(trailing, context))
            let hunk = ops[start..<end]
            let oldStart = (hunk.first?.oldIndex ?? 0) + 1
            let newStart = (hunk.first?.newIndex ?? 0) + 1
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            out +=
                "@@ -\(oldCount == 0 ? oldStart - 1 : oldStart),\(oldCount) +\(newCount == 0 ? newStart - 1 : newStart),\(newCount) @@\n"
            for op in hunk {
                switch op.kind {
                case .same: out += " " + a[op.oldIndex] + "\n"
                case .delete: out += "-" + a[op.oldIndex] + "\n"
                case .insert: out += "+" + b[op.newIndex] + "\n"
                }
            }
            i = end
        }
        return out
    }

    private static func splitLines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    struct Op {
        enum Kind { case same, delete, insert }
        var kind: Kind
        var oldIndex: Int
        var newIndex: Int
    }

    /// Line diff by longest common subsequence; common prefix/suffix are stripped first so large
    /// files with small changes stay cheap.
    static func diff(_ a: [String], _ b: [String]) -> [Op] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        let a2 = Array(a[prefix..<(a.count - suffix)]), b2 = Array(b[prefix..<(b.count - suffix)])
        var ops: [Op] = (0..<prefix).map { Op(kind: .same, oldIndex: $0, newIndex: $0) }
        let n = a2.count, m = b2.count
        if n * m > 4_000_000 {
            // Too large for LCS: replace the middle wholesale.
            ops += (0..<n).map { Op(kind: .delete, oldIndex: prefix + $0, newIndex: prefix) }
            ops += (0..<m).map { Op(kind: .insert, oldIndex: prefix + n, newIndex: prefix + $0) }
        } else {
            var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
            for x in stride(from: n - 1, through: 0, by: -1) {
                for y in stride(from: m - 1, through: 0, by: -1) {
                    lcs[x][y] = a2[x] == b2[y] ? lcs[x + 1][y + 1] + 1 : max(lcs[x + 1][y], lcs[x][y + 1])
                }
            }
            var x = 0, y = 0
            while x < n || y < m {
                if x < n, y < m, a2[x] == b2[y] {
                    ops.append(Op(kind: .same, oldIndex: prefix + x, newIndex: prefix + y))
                    x += 1
                    y += 1
                } else if x < n, y == m || lcs[x + 1][y] >= lcs[x][y + 1] {
                    ops.append(Op(kind: .delete, oldIndex: prefix + x, newIndex: prefix + y))
                    x += 1
                } else {
                    ops.append(Op(kind: .insert, oldIndex: prefix + x, newIndex: prefix + y))
                    y += 1
                }
            }
        }
        ops += (0..<suffix).map { Op(kind: .same, oldIndex: a.count - suffix + $0, newIndex: b.count - suffix + $0) }
        return ops
    }
}
