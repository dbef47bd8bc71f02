import Foundation

/// Which rate limit stopped a request, and when trying again can succeed.
public struct RateLimitHit: Sendable, Hashable {
    /// The dimension that ran out.
    public enum Limit: String, Sendable, Hashable, Codable {
        case requests, tokens, concurrent
    }

    public var scope: LimitScope
    public var limit: Limit
    /// Seconds until enough capacity refills; for `concurrent`, a hint (capacity frees when a
    /// running request finishes, which cannot be predicted).
    public var retryAfter: TimeInterval
}
