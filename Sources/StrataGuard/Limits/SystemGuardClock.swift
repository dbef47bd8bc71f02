import Foundation

/// The wall clock.
public struct SystemGuardClock: GuardClock {
    public init() {}
    public func now() -> Date { Date() }
}
