import StrataCore

/// When to try a deployment again: exponential backoff with full jitter, but never sooner
/// than the upstream's Retry-After.
public struct RetryPolicy: Sendable {
    public let config: RetryConfig
    let random: any RandomSource

    public init(config: RetryConfig, random: any RandomSource) {
        self.config = config
        self.random = random
    }

    /// Seconds to wait before retry number `attempt` (1-based).
    public func delay(beforeRetry attempt: Int, retryAfter: Double?) -> Double {
        let base = Double(config.initialBackoffMilliseconds) / 1000
        let cap = Double(config.maxBackoffMilliseconds) / 1000
        let exponential = min(cap, base * pow2(attempt - 1))
        let jittered = exponential * (0.5 + 0.5 * random.nextUnit())
        return max(jittered, min(retryAfter ?? 0, 60))
    }

    private func pow2(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<max(0, min(exponent, 30)) { value *= 2 }
        return value
    }
}
