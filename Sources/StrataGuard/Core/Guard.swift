/// A check over one piece of text. Guards are pure and synchronous so the pipeline can run
/// a dozen of them on a 2 KB prompt in well under a millisecond, on any thread.
public protocol Guard: Sendable {
    /// Stable name used in traces, audit records and policy configuration.
    var name: String { get }
    func check(_ text: String, direction: GuardDirection) -> GuardVerdict
}
