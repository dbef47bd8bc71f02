/// The rate limiter's answer for one request.
public enum RateLimitDecision: Sendable, Hashable {
    case allowed(RateLimitPermit)
    case limited(RateLimitHit)
}
