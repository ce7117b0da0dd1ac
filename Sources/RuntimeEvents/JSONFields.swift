import SecurityModel

/// Typed access to the members of a JSON object, with the dotted path of the object for error messages.
struct JSONFields {
    let path: String
    let value: JSONValue

    init(_ value: JSONValue, path: String) throws(RecordingFieldError) {
        guard value.objectMembers != nil else { throw RecordingFieldError(path: path, message: "expected an object") }
        self.value = value
        self.path = path
    }

    private func name(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func has(_ key: String) -> Bool { value[key] != nil && value[key] != .null }

    func object(_ key: String) throws(RecordingFieldError) -> JSONFields? {
        guard let member = value[key], member != .null else { return nil }
        return try JSONFields(member, path: name(key))
    }

    func string(_ key: String) throws(RecordingFieldError) -> String? {
        guard let member = value[key], member != .null else { return nil }
        guard let s = member.stringValue else {
            throw RecordingFieldError(path: name(key), message: "expected a string")
        }
        return s
    }

    func requiredString(_ key: String) throws(RecordingFieldError) -> String {
        guard let s = try string(key) else { throw RecordingFieldError(path: name(key), message: "missing") }
        return s
    }

    func integer(_ key: String) throws(RecordingFieldError) -> Int64? {
        guard let member = value[key], member != .null else { return nil }
        guard case .int(let i) = member else {
            throw RecordingFieldError(path: name(key), message: "expected an integer")
        }
        return Int64(i)
    }

    func requiredInteger(_ key: String) throws(RecordingFieldError) -> Int64 {
        guard let i = try integer(key) else { throw RecordingFieldError(path: name(key), message: "missing") }
        return i
    }

    func unsigned(_ key: String) throws(RecordingFieldError) -> UInt64? {
        guard let i = try integer(key) else { return nil }
        guard i >= 0 else { throw RecordingFieldError(path: name(key), message: "must not be negative") }
        return UInt64(i)
    }

    func bits(_ key: String) throws(RecordingFieldError) -> UInt64? {
        guard let i = try integer(key) else { return nil }
        return UInt64(bitPattern: i)
    }

    func port(_ key: String) throws(RecordingFieldError) -> UInt16? {
        guard let i = try integer(key) else { return nil }
        guard let port = UInt16(exactly: i) else {
            throw RecordingFieldError(path: name(key), message: "port \(i) out of range 0–65535")
        }
        return port
    }

    func bool(_ key: String) throws(RecordingFieldError) -> Bool? {
        guard let member = value[key], member != .null else { return nil }
        guard let b = member.booleanValue else {
            throw RecordingFieldError(path: name(key), message: "expected a boolean")
        }
        return b
    }

    func strings(_ key: String) throws(RecordingFieldError) -> [String]? {
        guard let member = value[key], member != .null else { return nil }
        guard let items = member.arrayValue else {
            throw RecordingFieldError(path: name(key), message: "expected an array of strings")
        }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard let s = item.stringValue else {
                throw RecordingFieldError(path: "\(name(key))[\(i)]", message: "expected a string")
            }
            out.append(s)
        }
        return out
    }

    func stringMap(_ key: String) throws(RecordingFieldError) -> [String: String]? {
        guard let member = value[key], member != .null else { return nil }
        guard let pairs = member.objectMembers else {
            throw RecordingFieldError(path: name(key), message: "expected an object of strings")
        }
        var out: [String: String] = [:]
        for (k, v) in pairs {
            guard let s = v.stringValue else {
                throw RecordingFieldError(path: "\(name(key)).\(k)", message: "expected a string")
            }
            out[k] = s
        }
        return out
    }

    func ip(_ key: String) throws(RecordingFieldError) -> IPAddress? {
        guard let text = try string(key) else { return nil }
        guard let ip = IPAddress(text) else {
            throw RecordingFieldError(path: name(key), message: "'\(text.prefix(64))' is not an IP address")
        }
        return ip
    }

    func enumeration<T: RawRepresentable>(_ key: String, _: T.Type) throws(RecordingFieldError) -> T?
    where T.RawValue == String {
        guard let text = try string(key) else { return nil }
        guard let value = T(rawValue: text) else {
            throw RecordingFieldError(path: name(key), message: "unknown value '\(text.prefix(64))'")
        }
        return value
    }
}
