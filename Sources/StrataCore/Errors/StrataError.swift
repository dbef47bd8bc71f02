/// The one error type every API response maps to: an HTTP status, OpenAI's error `type`,
/// a stable machine-readable `code`, a message a person can act on, and the offending `param`.
public struct StrataError: Error, Sendable, Hashable, CustomStringConvertible {
    public var status: Int
    public var type: String
    public var code: String
    public var message: String
    public var param: String?
    /// Seconds a client should wait before retrying (sent as `Retry-After`).
    public var retryAfter: Int?

    public init(status: Int, type: String, code: String, message: String, param: String? = nil,
                retryAfter: Int? = nil) {
        self.status = status
        self.type = type
        self.code = code
        self.message = message
        self.param = param
        self.retryAfter = retryAfter
    }

    public var description: String { "\(status) \(code): \(message)" }

    public var body: ErrorBody {
        ErrorBody(error: .init(message: message, type: type, param: param, code: code))
    }

    // MARK: - The stable codes

    public static func invalidJSON(_ detail: String) -> StrataError {
        StrataError(status: 400, type: "invalid_request_error", code: "invalid_json",
                    message: "Request body is not valid JSON: \(detail)")
    }

    public static func invalidField(_ field: String, _ message: String) -> StrataError {
        StrataError(status: 400, type: "invalid_request_error", code: "invalid_field",
                    message: message, param: field)
    }

    public static func missingField(_ field: String) -> StrataError {
        StrataError(status: 400, type: "invalid_request_error", code: "missing_field",
                    message: "Missing required field '\(field)'.", param: field)
    }

    public static func invalidAPIKey(_ message: String = "Invalid API key. Pass a Strata key as 'Authorization: Bearer <key>'.") -> StrataError {
        StrataError(status: 401, type: "authentication_error", code: "invalid_api_key", message: message)
    }

    public static func modelNotAllowed(_ model: String) -> StrataError {
        StrataError(status: 403, type: "permission_error", code: "model_not_allowed",
                    message: "This key may not use model '\(model)'.", param: "model")
    }

    public static func forbidden(_ message: String) -> StrataError {
        StrataError(status: 403, type: "permission_error", code: "forbidden", message: message)
    }

    public static func modelNotFound(_ model: String, available: [String]) -> StrataError {
        let list = available.isEmpty ? "none are configured" : available.sorted().joined(separator: ", ")
        return StrataError(status: 404, type: "invalid_request_error", code: "model_not_found",
                           message: "The model '\(model)' does not exist. Available models: \(list).",
                           param: "model")
    }

    public static func notFound(_ what: String) -> StrataError {
        StrataError(status: 404, type: "invalid_request_error", code: "not_found", message: "\(what) not found.")
    }

    /// Also the answer for a collection of another tenant: its existence is not revealed.
    public static func collectionNotFound(_ name: String) -> StrataError {
        StrataError(status: 404, type: "invalid_request_error", code: "collection_not_found",
                    message: "The collection '\(name)' does not exist.", param: "collection")
    }

    public static func collectionExists(_ name: String) -> StrataError {
        StrataError(status: 409, type: "invalid_request_error", code: "collection_exists",
                    message: "A collection named '\(name)' already exists.", param: "name")
    }

    public static func bodyTooLarge(limit: Int) -> StrataError {
        StrataError(status: 413, type: "invalid_request_error", code: "body_too_large",
                    message: "Request body exceeds the limit of \(limit) bytes.")
    }

    public static func rateLimited(_ message: String, retryAfter: Int) -> StrataError {
        StrataError(status: 429, type: "rate_limit_error", code: "rate_limited", message: message,
                    retryAfter: retryAfter)
    }

    public static func upstream(status: Int, provider: String, message: String, code: String = "upstream_error") -> StrataError {
        StrataError(status: status, type: "upstream_error", code: code,
                    message: "Upstream \(provider) failed: \(message)")
    }

    public static func upstreamTimeout(provider: String, message: String) -> StrataError {
        StrataError(status: 504, type: "upstream_error", code: "upstream_timeout",
                    message: "Upstream \(provider) timed out: \(message)")
    }

    public static func unsupported(_ message: String, param: String? = nil) -> StrataError {
        StrataError(status: 400, type: "invalid_request_error", code: "unsupported", message: message, param: param)
    }

    public static func internalError(_ message: String) -> StrataError {
        StrataError(status: 500, type: "api_error", code: "internal_error", message: message)
    }
}

/// OpenAI's error JSON: `{"error": {"message", "type", "param", "code"}}`.
public struct ErrorBody: Codable, Sendable, Hashable {
    public var error: Detail

    /// The fields of an error.
    public struct Detail: Codable, Sendable, Hashable {
        public var message: String
        public var type: String
        public var param: String?
        public var code: String?

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(message, forKey: .message)
            try c.encode(type, forKey: .type)
            try c.encode(param, forKey: .param)
            try c.encode(code, forKey: .code)
        }

        enum CodingKeys: String, CodingKey { case message, type, param, code }
    }
}
