import Foundation

/// Where limits and budgets read the time. Injected so tests (and replays) control it.
public protocol GuardClock: Sendable {
    func now() -> Date
}
