import Foundation

/// Wall-clock time and sleeping, injected so retry and cooldown logic can be tested without waiting.
public protocol TimeSource: Sendable {
    /// Seconds since 1970.
    func now() -> Double
    func sleep(seconds: Double) async throws
}

/// The real clock.
public struct SystemTimeSource: TimeSource {
    public init() {}
    public func now() -> Double { Date().timeIntervalSince1970 }
    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }
}

/// Uniform random numbers in [0, 1), injected so jitter and weighted choices are testable.
public protocol RandomSource: Sendable {
    func nextUnit() -> Double
}

/// The system's random generator.
public struct SystemRandomSource: RandomSource {
    public init() {}
    public func nextUnit() -> Double { Double.random(in: 0..<1) }
}
