/// `POST /v1/chat/completions` request body. Fields Strata does not model are kept in
/// `extra` and passed through to OpenAI-compatible upstreams untouched.
public struct ChatCompletionRequest: Codable, Sendable, Hashable {
    public var model: String
    public var messages: [ChatMessage]
    public var stream: Bool?
    public var streamOptions: StreamOptions?
    public var temperature: Double?
    public var topP: Double?
    public var maxTokens: Int?
    public var maxCompletionTokens: Int?
    public var n: Int?
    public var stop: StopSequences?
    public var seed: Int?
    public var tools: [ToolDefinition]?
    public var toolChoice: JSONValue?
    public var parallelToolCalls: Bool?
    public var responseFormat: ResponseFormat?
    public var logprobs: Bool?
    public var topLogprobs: Int?
    public var user: String?
    public var presencePenalty: Double?
    public var frequencyPenalty: Double?
    public var metadata: [String: JSONValue]?
    public var extra: [String: JSONValue]
    /// Set when the request came in on `/v1/completions`: the prompt to continue verbatim, no
    /// chat template. Never on the wire; providers that can complete raw text use it.
    public var rawPrompt: String?

    public init(model: String, messages: [ChatMessage], stream: Bool? = nil) {
        self.model = model
        self.messages = messages
        self.stream = stream
        self.extra = [:]
    }

    /// The effective output token limit (`max_completion_tokens` wins over `max_tokens`).
    public var outputTokenLimit: Int? { maxCompletionTokens ?? maxTokens }

    public var isStreaming: Bool { stream ?? false }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case model, messages, stream, temperature, n, stop, seed, tools, logprobs, user, metadata
        case streamOptions = "stream_options"
        case topP = "top_p"
        case maxTokens = "max_tokens"
        case maxCompletionTokens = "max_completion_tokens"
        case toolChoice = "tool_choice"
        case parallelToolCalls = "parallel_tool_calls"
        case responseFormat = "response_format"
        case topLogprobs = "top_logprobs"
        case presencePenalty = "presence_penalty"
        case frequencyPenalty = "frequency_penalty"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        model = try c.decode(String.self, forKey: .model)
        messages = try c.decode([ChatMessage].self, forKey: .messages)
        stream = try c.decodeIfPresent(Bool.self, forKey: .stream)
        streamOptions = try c.decodeIfPresent(StreamOptions.self, forKey: .streamOptions)
        temperature = try c.decodeIfPresent(Double.self, forKey: .temperature)
        topP = try c.decodeIfPresent(Double.self, forKey: .topP)
        maxTokens = try c.decodeIfPresent(Int.self, forKey: .maxTokens)
        maxCompletionTokens = try c.decodeIfPresent(Int.self, forKey: .maxCompletionTokens)
        n = try c.decodeIfPresent(Int.self, forKey: .n)
        stop = try c.decodeIfPresent(StopSequences.self, forKey: .stop)
        seed = try c.decodeIfPresent(Int.self, forKey: .seed)
        tools = try c.decodeIfPresent([ToolDefinition].self, forKey: .tools)
        toolChoice = try c.decodeIfPresent(JSONValue.self, forKey: .toolChoice)
        parallelToolCalls = try c.decodeIfPresent(Bool.self, forKey: .parallelToolCalls)
        responseFormat = try c.decodeIfPresent(ResponseFormat.self, forKey: .responseFormat)
        logprobs = try c.decodeIfPresent(Bool.self, forKey: .logprobs)
        topLogprobs = try c.decodeIfPresent(Int.self, forKey: .topLogprobs)
        user = try c.decodeIfPresent(String.self, forKey: .user)
        presencePenalty = try c.decodeIfPresent(Double.self, forKey: .presencePenalty)
        frequencyPenalty = try c.decodeIfPresent(Double.self, forKey: .frequencyPenalty)
        metadata = try c.decodeIfPresent([String: JSONValue].self, forKey: .metadata)
        let all = try decoder.container(keyedBy: DynamicCodingKey.self)
        extra = try all.unknownFields(excluding: Set(CodingKeys.allCases.map(\.stringValue)))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(model, forKey: .model)
        try c.encode(messages, forKey: .messages)
        try c.encodeIfPresent(stream, forKey: .stream)
        try c.encodeIfPresent(streamOptions, forKey: .streamOptions)
        try c.encodeIfPresent(temperature, forKey: .temperature)
        try c.encodeIfPresent(topP, forKey: .topP)
        try c.encodeIfPresent(maxTokens, forKey: .maxTokens)
        try c.encodeIfPresent(maxCompletionTokens, forKey: .maxCompletionTokens)
        try c.encodeIfPresent(n, forKey: .n)
        try c.encodeIfPresent(stop, forKey: .stop)
        try c.encodeIfPresent(seed, forKey: .seed)
        try c.encodeIfPresent(tools, forKey: .tools)
        try c.encodeIfPresent(toolChoice, forKey: .toolChoice)
        try c.encodeIfPresent(parallelToolCalls, forKey: .parallelToolCalls)
        try c.encodeIfPresent(responseFormat, forKey: .responseFormat)
        try c.encodeIfPresent(logprobs, forKey: .logprobs)
        try c.encodeIfPresent(topLogprobs, forKey: .topLogprobs)
        try c.encodeIfPresent(user, forKey: .user)
        try c.encodeIfPresent(presencePenalty, forKey: .presencePenalty)
        try c.encodeIfPresent(frequencyPenalty, forKey: .frequencyPenalty)
        try c.encodeIfPresent(metadata, forKey: .metadata)
        var dynamic = encoder.container(keyedBy: DynamicCodingKey.self)
        try dynamic.encodeFields(extra)
    }
}

/// `stream_options` of a chat request.
public struct StreamOptions: Codable, Sendable, Hashable {
    public var includeUsage: Bool?
    public init(includeUsage: Bool?) { self.includeUsage = includeUsage }
    enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
}

/// `stop`: one string or a list of strings.
public struct StopSequences: Codable, Sendable, Hashable {
    public var values: [String]
    public init(_ values: [String]) { self.values = values }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let single = try? container.decode(String.self) {
            values = [single]
        } else {
            values = try container.decode([String].self)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}

/// `response_format`: `text`, `json_object` or `json_schema` with its schema.
public struct ResponseFormat: Codable, Sendable, Hashable {
    public var type: String
    public var jsonSchema: JSONSchemaFormat?

    public init(type: String, jsonSchema: JSONSchemaFormat? = nil) {
        self.type = type
        self.jsonSchema = jsonSchema
    }

    enum CodingKeys: String, CodingKey {
        case type
        case jsonSchema = "json_schema"
    }

    /// The named schema of a `json_schema` response format.
    public struct JSONSchemaFormat: Codable, Sendable, Hashable {
        public var name: String
        public var description: String?
        public var schema: JSONValue?
        public var strict: Bool?

        public init(name: String, description: String? = nil, schema: JSONValue?, strict: Bool? = nil) {
            self.name = name
            self.description = description
            self.schema = schema
            self.strict = strict
        }
    }
}
