import Foundation

/// Remaining capacity after an admission, for the tightest scope of each dimension; the
/// values OpenAI-compatible clients read from `x-ratelimit-*` response headers.
public struct RateLimitStatus: Sendable, Hashable {
    /// One dimension's numbers.
    public struct Window: Sendable, Hashable {
        public var limit: Int
        public var remaining: Int
        /// Seconds until the bucket is full again.
        public var resetsIn: TimeInterval
    }

    public var requests: Window?
    public var tokens: Window?

    public init(requests: Window? = nil, tokens: Window? = nil) {
        self.requests = requests
        self.tokens = tokens
    }

    /// Header name/value pairs in the OpenAI style (`x-ratelimit-remaining-requests`, ...).
    public var headers: [(String, String)] {
        var out: [(String, String)] = []
        for (name, w) in [("requests", requests), ("tokens", tokens)] {
            guard let w else { continue }
            out.append(("x-ratelimit-limit-\(name)", String(w.limit)))
            out.append(("x-ratelimit-remaining-\(name)", String(max(0, w.remaining))))
            out.append(("x-ratelimit-reset-\(name)", String(format: "%.3fs", w.resetsIn)))
        }
        return out
    }
}
