import StrataCore

/// A failed upstream call, classified so the gateway can decide: retry, fall back, or report.
public struct ProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case rateLimited, serverError, connection, timeout
        case badRequest, authentication, notFound
        case contextWindowExceeded, contentFilter
        /// The stream broke after it started; never retried (the client already has part of it).
        case streamInterrupted
    }

    public var kind: Kind
    public var provider: String
    public var status: Int?
    public var message: String
    /// Seconds the upstream asked us to wait.
    public var retryAfter: Double?

    public init(kind: Kind, provider: String, status: Int? = nil, message: String, retryAfter: Double? = nil) {
        self.kind = kind
        self.provider = provider
        self.status = status
        self.message = message
        self.retryAfter = retryAfter
    }

    public var description: String {
        "\(provider) \(kind.rawValue)\(status.map { " (\($0))" } ?? ""): \(message)"
    }

    /// Worth trying the same deployment again.
    public var isRetryable: Bool {
        switch kind {
        case .rateLimited, .serverError, .connection, .timeout: return true
        default: return false
        }
    }

    /// Worth trying the next deployment or a fallback model.
    public var triggersFallback: Bool {
        isRetryable || kind == .contextWindowExceeded || kind == .contentFilter || kind == .authentication
            || kind == .notFound
    }

    /// Counts against the deployment's health (a bad request is the client's fault, not the upstream's).
    public var isDeploymentFailure: Bool {
        isRetryable || kind == .authentication || kind == .streamInterrupted
    }

    /// The error a client sees when nothing else worked.
    public var strataError: StrataError {
        switch kind {
        case .timeout:
            return .upstreamTimeout(provider: provider, message: message)
        case .rateLimited:
            return StrataError(status: 429, type: "rate_limit_error", code: "upstream_rate_limited",
                               message: "Upstream \(provider) is rate limiting: \(message)",
                               retryAfter: retryAfter.map { Int($0.rounded(.up)) } ?? 1)
        case .badRequest:
            return StrataError(status: 400, type: "invalid_request_error", code: "upstream_bad_request",
                               message: "Upstream \(provider) rejected the request: \(message)")
        case .contextWindowExceeded:
            return StrataError(status: 400, type: "invalid_request_error", code: "context_length_exceeded",
                               message: "Upstream \(provider): \(message)")
        case .contentFilter:
            return StrataError(status: 400, type: "invalid_request_error", code: "content_filter",
                               message: "Upstream \(provider) refused the content: \(message)")
        default:
            return .upstream(status: 502, provider: provider, message: message)
        }
    }

    /// Classifies an HTTP error status and message the way every provider needs.
    public static func from(status: Int, provider: String, message: String, code: String?,
                            retryAfter: Double?) -> ProviderError {
        let lower = message.lowercased()
        let kind: Kind
        if code == "context_length_exceeded" || lower.contains("context length") || lower.contains("context window")
            || lower.contains("prompt is too long") || lower.contains("maximum context")
            || lower.contains("exceeds the maximum number of tokens") {
            kind = .contextWindowExceeded
        } else if code == "content_filter" || code == "content_policy_violation" {
            kind = .contentFilter
        } else {
            switch status {
            case 429: kind = .rateLimited
            case 401, 403: kind = .authentication
            case 404: kind = .notFound
            case 408: kind = .timeout
            case 400..<500: kind = .badRequest
            default: kind = .serverError
            }
        }
        return ProviderError(kind: kind, provider: provider, status: status, message: message, retryAfter: retryAfter)
    }
}
