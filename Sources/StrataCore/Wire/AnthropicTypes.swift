/// Anthropic Messages API request (`POST /v1/messages`).
public struct AnthropicRequest: Codable, Sendable, Hashable {
    public var model: String
    public var messages: [AnthropicMessage]
    public var system: AnthropicContent?
    public var maxTokens: Int
    public var stopSequences: [String]?
    public var stream: Bool?
    public var temperature: Double?
    public var topP: Double?
    public var topK: Int?
    public var tools: [AnthropicTool]?
    public var toolChoice: AnthropicToolChoice?
    public var metadata: Metadata?

    public init(model: String, messages: [AnthropicMessage], maxTokens: Int) {
        self.model = model
        self.messages = messages
        self.maxTokens = maxTokens
    }

    enum CodingKeys: String, CodingKey {
        case model, messages, system, stream, temperature, tools, metadata
        case maxTokens = "max_tokens"
        case stopSequences = "stop_sequences"
        case topP = "top_p"
        case topK = "top_k"
        case toolChoice = "tool_choice"
    }

    /// Request metadata; `user_id` identifies the end user.
    public struct Metadata: Codable, Sendable, Hashable {
        public var userID: String?
        public init(userID: String?) { self.userID = userID }
        enum CodingKeys: String, CodingKey { case userID = "user_id" }
    }
}

/// One turn of an Anthropic conversation.
public struct AnthropicMessage: Codable, Sendable, Hashable {
    public var role: String
    public var content: AnthropicContent

    public init(role: String, content: AnthropicContent) {
        self.role = role
        self.content = content
    }
}

/// Anthropic content: a string or a list of blocks.
public enum AnthropicContent: Codable, Sendable, Hashable {
    case text(String)
    case blocks([AnthropicBlock])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .blocks(try container.decode([AnthropicBlock].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .blocks(let blocks): try container.encode(blocks)
        }
    }

    public var blocks: [AnthropicBlock] {
        switch self {
        case .text(let text): return [AnthropicBlock(text: text)]
        case .blocks(let blocks): return blocks
        }
    }

    public var plainText: String {
        blocks.compactMap { $0.type == "text" ? $0.text : nil }.joined(separator: "\n")
    }
}

/// A content block: text, image, tool_use, tool_result or thinking; unused fields stay nil.
public struct AnthropicBlock: Codable, Sendable, Hashable {
    public var type: String
    public var text: String?
    public var id: String?
    public var name: String?
    public var input: JSONValue?
    public var toolUseID: String?
    public var content: AnthropicContent?
    public var isError: Bool?
    public var source: ImageSource?
    public var thinking: String?
    public var signature: String?

    public init(type: String) { self.type = type }

    public init(text: String) {
        self.type = "text"
        self.text = text
    }

    public static func toolUse(id: String, name: String, input: JSONValue) -> AnthropicBlock {
        var block = AnthropicBlock(type: "tool_use")
        block.id = id
        block.name = name
        block.input = input
        return block
    }

    public static func toolResult(toolUseID: String, content: String, isError: Bool? = nil) -> AnthropicBlock {
        var block = AnthropicBlock(type: "tool_result")
        block.toolUseID = toolUseID
        block.content = .text(content)
        block.isError = isError
        return block
    }

    enum CodingKeys: String, CodingKey {
        case type, text, id, name, input, content, source, thinking, signature
        case toolUseID = "tool_use_id"
        case isError = "is_error"
    }

    /// An image: base64 data with its media type, or a URL.
    public struct ImageSource: Codable, Sendable, Hashable {
        public var type: String
        public var mediaType: String?
        public var data: String?
        public var url: String?

        public init(type: String, mediaType: String? = nil, data: String? = nil, url: String? = nil) {
            self.type = type
            self.mediaType = mediaType
            self.data = data
            self.url = url
        }

        enum CodingKeys: String, CodingKey {
            case type, data, url
            case mediaType = "media_type"
        }
    }
}

/// A tool offered to an Anthropic model.
public struct AnthropicTool: Codable, Sendable, Hashable {
    public var name: String
    public var description: String?
    public var inputSchema: JSONValue

    public init(name: String, description: String?, inputSchema: JSONValue) {
        self.name = name
        self.description = description
        self.inputSchema = inputSchema
    }

    enum CodingKeys: String, CodingKey {
        case name, description
        case inputSchema = "input_schema"
    }
}

/// Anthropic `tool_choice`: auto, any, tool (with name) or none.
public struct AnthropicToolChoice: Codable, Sendable, Hashable {
    public var type: String
    public var name: String?
    public var disableParallelToolUse: Bool?

    public init(type: String, name: String? = nil, disableParallelToolUse: Bool? = nil) {
        self.type = type
        self.name = name
        self.disableParallelToolUse = disableParallelToolUse
    }

    enum CodingKeys: String, CodingKey {
        case type, name
        case disableParallelToolUse = "disable_parallel_tool_use"
    }
}

/// Anthropic Messages API response.
public struct AnthropicResponse: Codable, Sendable, Hashable {
    public var id: String
    public var type: String
    public var role: String
    public var model: String
    public var content: [AnthropicBlock]
    public var stopReason: String?
    public var stopSequence: String?
    public var usage: AnthropicUsage

    public init(id: String, model: String, content: [AnthropicBlock], stopReason: String?, usage: AnthropicUsage) {
        self.id = id
        self.type = "message"
        self.role = "assistant"
        self.model = model
        self.content = content
        self.stopReason = stopReason
        self.usage = usage
    }

    enum CodingKeys: String, CodingKey {
        case id, type, role, model, content, usage
        case stopReason = "stop_reason"
        case stopSequence = "stop_sequence"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encode(role, forKey: .role)
        try c.encode(model, forKey: .model)
        try c.encode(content, forKey: .content)
        try c.encode(stopReason, forKey: .stopReason)
        try c.encode(stopSequence, forKey: .stopSequence)
        try c.encode(usage, forKey: .usage)
    }
}

/// Anthropic token counts.
public struct AnthropicUsage: Codable, Sendable, Hashable {
    public var inputTokens: Int?
    public var outputTokens: Int?

    public init(inputTokens: Int?, outputTokens: Int?) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }

    enum CodingKeys: String, CodingKey {
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
    }
}

/// One Anthropic server-sent event (`message_start`, `content_block_delta`, …, `error`).
public struct AnthropicStreamEvent: Codable, Sendable, Hashable {
    public var type: String
    public var message: AnthropicResponse?
    public var index: Int?
    public var contentBlock: AnthropicBlock?
    public var delta: Delta?
    public var usage: AnthropicUsage?
    public var error: APIError?

    public init(type: String) { self.type = type }

    enum CodingKeys: String, CodingKey {
        case type, message, index, delta, usage, error
        case contentBlock = "content_block"
    }

    /// A delta: text, tool input JSON, thinking, or the message's stop reason.
    public struct Delta: Codable, Sendable, Hashable {
        public var type: String?
        public var text: String?
        public var partialJSON: String?
        public var thinking: String?
        public var stopReason: String?
        public var stopSequence: String?

        public init(type: String? = nil, text: String? = nil, partialJSON: String? = nil, stopReason: String? = nil) {
            self.type = type
            self.text = text
            self.partialJSON = partialJSON
            self.stopReason = stopReason
        }

        enum CodingKeys: String, CodingKey {
            case type, text, thinking
            case partialJSON = "partial_json"
            case stopReason = "stop_reason"
            case stopSequence = "stop_sequence"
        }
    }

    /// Anthropic's error object (also the body of its HTTP errors, under `error`).
    public struct APIError: Codable, Sendable, Hashable {
        public var type: String
        public var message: String
        public init(type: String, message: String) {
            self.type = type
            self.message = message
        }
    }
}
