/// `POST /v1/chat/completions` response body (non-streaming).
public struct ChatCompletionResponse: Codable, Sendable, Hashable {
    public var id: String
    public var object: String
    public var created: Int
    public var model: String
    public var choices: [Choice]
    public var usage: Usage?
    public var systemFingerprint: String?
    /// Strata's additions (e.g. `citations` of retrieved sources); absent unless a stage set it.
    public var strata: JSONValue?

    public init(id: String, created: Int, model: String, choices: [Choice], usage: Usage?) {
        self.id = id
        self.object = "chat.completion"
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
    }

    enum CodingKeys: String, CodingKey {
        case id, object, created, model, choices, usage, strata
        case systemFingerprint = "system_fingerprint"
    }

    /// One generated alternative.
    public struct Choice: Codable, Sendable, Hashable {
        public var index: Int
        public var message: ChatMessage
        public var finishReason: String?
        public var logprobs: JSONValue?

        public init(index: Int, message: ChatMessage, finishReason: String?, logprobs: JSONValue? = nil) {
            self.index = index
            self.message = message
            self.finishReason = finishReason
            self.logprobs = logprobs
        }

        enum CodingKeys: String, CodingKey {
            case index, message, logprobs
            case finishReason = "finish_reason"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(index, forKey: .index)
            try c.encode(message, forKey: .message)
            try c.encode(finishReason, forKey: .finishReason)
            try c.encode(logprobs, forKey: .logprobs)
        }
    }
}

/// Token counts of one request.
public struct Usage: Codable, Sendable, Hashable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var totalTokens: Int
    public var promptTokensDetails: JSONValue?
    public var completionTokensDetails: JSONValue?

    public init(promptTokens: Int, completionTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = promptTokens + completionTokens
    }

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case totalTokens = "total_tokens"
        case promptTokensDetails = "prompt_tokens_details"
        case completionTokensDetails = "completion_tokens_details"
    }
}

/// One server-sent event of a streaming chat completion.
public struct ChatCompletionChunk: Codable, Sendable, Hashable {
    public var id: String
    public var object: String
    public var created: Int
    public var model: String
    public var choices: [Choice]
    public var usage: Usage?
    /// Strata's additions, sent on the first chunk of a stream (e.g. `citations`).
    public var strata: JSONValue?

    public init(id: String, created: Int, model: String, choices: [Choice], usage: Usage? = nil) {
        self.id = id
        self.object = "chat.completion.chunk"
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
    }

    /// A choice's increment.
    public struct Choice: Codable, Sendable, Hashable {
        public var index: Int
        public var delta: Delta
        public var finishReason: String?
        public var logprobs: JSONValue?

        public init(index: Int, delta: Delta, finishReason: String? = nil, logprobs: JSONValue? = nil) {
            self.index = index
            self.delta = delta
            self.finishReason = finishReason
            self.logprobs = logprobs
        }

        enum CodingKeys: String, CodingKey {
            case index, delta, logprobs
            case finishReason = "finish_reason"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(index, forKey: .index)
            try c.encode(delta, forKey: .delta)
            try c.encode(finishReason, forKey: .finishReason)
            try c.encodeIfPresent(logprobs, forKey: .logprobs)
        }
    }

    /// What a chunk adds to the message: role, text or tool-call fragments.
    public struct Delta: Codable, Sendable, Hashable {
        public var role: String?
        public var content: String?
        public var toolCalls: [ToolCallDelta]?
        public var reasoningContent: String?
        public var refusal: String?

        public init(role: String? = nil, content: String? = nil, toolCalls: [ToolCallDelta]? = nil) {
            self.role = role
            self.content = content
            self.toolCalls = toolCalls
        }

        enum CodingKeys: String, CodingKey {
            case role, content, refusal
            case toolCalls = "tool_calls"
            case reasoningContent = "reasoning_content"
        }
    }

    /// A fragment of a tool call; `index` ties fragments of one call together.
    public struct ToolCallDelta: Codable, Sendable, Hashable {
        public var index: Int
        public var id: String?
        public var type: String?
        public var function: FunctionDelta?

        public init(index: Int, id: String? = nil, name: String? = nil, arguments: String? = nil) {
            self.index = index
            self.id = id
            self.type = id == nil ? nil : "function"
            self.function = FunctionDelta(name: name, arguments: arguments)
        }

        /// Name (first fragment) and a piece of the arguments' JSON text.
        public struct FunctionDelta: Codable, Sendable, Hashable {
            public var name: String?
            public var arguments: String?
        }
    }
}
