/// Which way text flows through a guard: the caller's prompt, the model's answer, or
/// content the system fetched on the caller's behalf (retrieved chunks, tool outputs, web
/// pages) that nobody vouches for.
public enum GuardDirection: String, Sendable, Codable, CaseIterable {
    case input
    case output
    /// Untrusted content gets stricter injection checks: it should carry data, never instructions.
    case untrusted
}
