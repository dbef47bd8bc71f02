import StrataCore

/// One recorded request: what was asked, where it went, what it cost and how it ended.
public struct TraceRecord: Codable, Sendable, Hashable {
    public var id: String
    /// Seconds since 1970.
    public var createdAt: Double
    public var endpoint: String
    public var keyID: String?
    public var keyName: String?
    public var user: String?
    public var modelRequested: String
    public var modelUsed: String?
    public var deployment: String?
    public var provider: String?
    public var stream: Bool
    public var status: Int
    public var errorCode: String?
    public var errorMessage: String?
    /// One entry per upstream attempt: deployment, outcome, duration.
    public var attempts: [Attempt]
    public var promptTokens: Int
    public var completionTokens: Int
    public var cost: Double
    public var latencyMilliseconds: Double
    public var timeToFirstTokenMilliseconds: Double?
    public var requestBody: String?
    public var responseBody: String?
    public var metadata: [String: JSONValue]?
    /// What the guards found (guard name, verdict, findings), when any found something.
    public var guards: JSONValue?

    public init(id: String, createdAt: Double, endpoint: String, modelRequested: String) {
        self.id = id
        self.createdAt = createdAt
        self.endpoint = endpoint
        self.modelRequested = modelRequested
        self.stream = false
        self.status = 200
        self.attempts = []
        self.promptTokens = 0
        self.completionTokens = 0
        self.cost = 0
        self.latencyMilliseconds = 0
    }

    /// One try against one deployment.
    public struct Attempt: Codable, Sendable, Hashable {
        public var deployment: String
        public var status: Int?
        public var error: String?
        public var milliseconds: Double

        public init(deployment: String, status: Int?, error: String?, milliseconds: Double) {
            self.deployment = deployment
            self.status = status
            self.error = error
            self.milliseconds = milliseconds
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, endpoint, user, deployment, provider, stream, status, attempts, cost, metadata, guards
        case createdAt = "created_at"
        case keyID = "key_id"
        case keyName = "key_name"
        case modelRequested = "model_requested"
        case modelUsed = "model_used"
        case errorCode = "error_code"
        case errorMessage = "error_message"
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case latencyMilliseconds = "latency_ms"
        case timeToFirstTokenMilliseconds = "ttft_ms"
        case requestBody = "request_body"
        case responseBody = "response_body"
    }
}

/// Which traces to list, newest first.
public struct TraceQuery: Sendable, Hashable {
    public var since: Double?
    public var until: Double?
    public var model: String?
    public var keyID: String?
    /// Only traces of keys whose metadata has this `tenant`.
    public var tenant: String?
    public var status: Int?
    /// Only failures (status >= 400) when true, only successes when false.
    public var failed: Bool?
    /// Only traces a person should look at (guard findings, server-side failures, withheld
    /// tool calls, retrieved chunks dropped as injections) that nobody has reviewed yet.
    public var needsReview = false
    public var limit = 50
    /// Continue after this trace id (keyset pagination).
    public var after: String?

    public init() {}
}

/// Where traces are kept.
public protocol TraceStore: Sendable {
    func insert(_ traces: [TraceRecord]) async throws
    func list(_ query: TraceQuery) async throws -> [TraceRecord]
    func trace(id: String) async throws -> TraceRecord?
}
