/// How an `override:` entry changes a key.
enum OverrideMode: String, Sendable {
    case append
    case replace
}
