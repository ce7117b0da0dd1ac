internal import SecurityModel

/// The keys of one item mapping, in order, with typed reads that report wrong types.
struct ItemFields {
    let pairs: [(String, JSONValue)]

    init(_ pairs: [(String, JSONValue)]) { self.pairs = pairs }

    subscript(key: String) -> JSONValue? { pairs.first { $0.0 == key }?.1 }

    func has(_ key: String) -> Bool { pairs.contains { $0.0 == key } }

    var keys: [String] { pairs.map(\.0) }
}
