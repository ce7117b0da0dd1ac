/// The `watch:` section of a `.bulkhead.yaml`: defaults for `bulkhead watch`. Values are kept as written
/// (strings for priorities, durations, rate limits and output specifications); `watch` checks them and
/// names `watch.<key>` and the file in its errors. Command-line options override every key.
public struct WatchConfiguration: Sendable, Hashable {
    /// `watch.rules`: rules files or directories, relative to the configuration file's directory.
    public var rules: [String] = []
    /// `watch.outputs`: output specifications, as `--output` takes them.
    public var outputs: [String] = []
    /// `watch.min-priority`: the least severe rule priority loaded.
    public var minimumPriority: String?
    /// `watch.enable-rules`: rules enabled by name.
    public var enabledRules: [String] = []
    /// `watch.disable-rules`: rules disabled by name.
    public var disabledRules: [String] = []
    /// `watch.enable-tags`: rules enabled by tag.
    public var enabledTags: [String] = []
    /// `watch.disable-tags`: rules disabled by tag.
    public var disabledTags: [String] = []
    /// `watch.dedup-window`: the de-duplication window (`10s`, `0` for off).
    public var dedupWindow: String?
    /// `watch.rate-limit`: the per-rule rate limit (`20/s:200`, `off`).
    public var rateLimit: String?
    /// `watch.queue-size`: alerts queued per output before dropping.
    public var queueSize: Int?
    /// `watch.flush-timeout`: how long to wait for the outputs at the end.
    public var flushTimeout: String?
    /// `watch.json-output`: write JSON alerts instead of text lines.
    public var jsonOutput: Bool?
    /// `watch.fail-on`: exit 1 when an alert is at or above this priority (`none` never).
    public var failOn: String?
    /// `watch.rule-matching`: `all` (every matching rule alerts) or `first` (only the first in file order).
    public var ruleMatching: String?

    /// An empty section.
    public init() {}
}
