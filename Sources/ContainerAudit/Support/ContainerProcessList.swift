public import SecurityModel

/// The process names of a `GET /containers/{id}/top` answer (`{"Titles": […], "Processes": [[…]]}`): the
/// `COMMAND` column when `ps` printed the short name (`ps_args=-o pid,comm,args`), else the first word of `CMD`.
public enum ContainerProcessList {
    /// The names, or nil when the answer has no recognisable columns.
    public static func names(top: JSONValue) -> [String]? {
        guard let titles = top["Titles"]?.arrayValue?.compactMap(\.stringValue),
            let rows = top["Processes"]?.arrayValue
        else { return nil }
        let column: Int
        let firstWordOnly: Bool
        if let comm = titles.firstIndex(of: "COMMAND") {
            (column, firstWordOnly) = (comm, false)
        } else if let cmd = titles.firstIndex(of: "CMD") {
            (column, firstWordOnly) = (cmd, true)
        } else {
            return nil
        }
        return rows.compactMap { row in
            guard let cells = row.arrayValue, column < cells.count, let text = cells[column].stringValue else {
                return nil
            }
            return firstWordOnly ? text.split(separator: " ", maxSplits: 1).first.map(String.init) ?? text : text
        }
    }
}
