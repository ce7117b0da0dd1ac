/// A field of an event line that has the wrong type or an invalid value (internal to decoding).
struct RecordingFieldError: Error {
    var path: String
    var message: String
}
