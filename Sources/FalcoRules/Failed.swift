/// Marks a read that failed after its error was reported.
struct Failed: Error {}
