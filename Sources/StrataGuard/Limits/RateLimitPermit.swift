/// Proof that a request was admitted; hand it back to `RateLimiter.release` when the request ends.
public struct RateLimitPermit: Sendable, Hashable {
    public let id: UInt64
    public let scopes: [LimitScope]
    public let estimatedTokens: Int
    /// Capacity left right after this admission.
    public let status: RateLimitStatus
}
