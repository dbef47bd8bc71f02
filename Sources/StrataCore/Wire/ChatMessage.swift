/// One message of an OpenAI chat conversation.
public struct ChatMessage: Codable, Sendable, Hashable {
    public var role: String
    public var content: MessageContent?
    public var name: String?
    public var toolCalls: [ToolCall]?
    public var toolCallID: String?
    /// Reasoning text some upstreams return beside the answer (DeepSeek, vLLM).
    public var reasoningContent: String?
    public var refusal: String?

    public init(role: String, content: MessageContent?, name: String? = nil, toolCalls: [ToolCall]? = nil,
                toolCallID: String? = nil) {
        self.role = role
        self.content = content
        self.name = name
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
    }

    public static func text(_ role: String, _ text: String) -> ChatMessage {
        ChatMessage(role: role, content: .text(text))
    }

    enum CodingKeys: String, CodingKey {
        case role, content, name, refusal
        case toolCalls = "tool_calls"
        case toolCallID = "tool_call_id"
        case reasoningContent = "reasoning_content"
    }
}

/// Message content: a plain string or a list of typed parts (text, image).
public enum MessageContent: Codable, Sendable, Hashable {
    case text(String)
    case parts([ContentPart])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .parts(try container.decode([ContentPart].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .parts(let parts): try container.encode(parts)
        }
    }

    /// The text of the content, parts joined by newlines; images are left out.
    public var plainText: String {
        switch self {
        case .text(let text): return text
        case .parts(let parts): return parts.compactMap(\.text).joined(separator: "\n")
        }
    }

    public var hasImages: Bool {
        if case .parts(let parts) = self { return parts.contains { $0.imageURL != nil } }
        return false
    }
}

/// A part of multi-part message content.
public struct ContentPart: Codable, Sendable, Hashable {
    public var type: String
    public var text: String?
    public var imageURL: ImageURL?

    public init(text: String) {
        self.type = "text"
        self.text = text
    }

    public init(imageURL: String) {
        self.type = "image_url"
        self.imageURL = ImageURL(url: imageURL, detail: nil)
    }

    enum CodingKeys: String, CodingKey {
        case type, text
        case imageURL = "image_url"
    }

    /// An image reference: an http(s) URL or a `data:` URL.
    public struct ImageURL: Codable, Sendable, Hashable {
        public var url: String
        public var detail: String?
    }
}

/// A tool the model may call.
public struct ToolDefinition: Codable, Sendable, Hashable {
    public var type: String
    public var function: FunctionDefinition

    public init(function: FunctionDefinition) {
        self.type = "function"
        self.function = function
    }

    /// A function's name, description and JSON-schema parameters.
    public struct FunctionDefinition: Codable, Sendable, Hashable {
        public var name: String
        public var description: String?
        public var parameters: JSONValue?
        public var strict: Bool?

        public init(name: String, description: String? = nil, parameters: JSONValue? = nil) {
            self.name = name
            self.description = description
            self.parameters = parameters
        }
    }
}

/// A tool call made by the model. `arguments` is JSON text, as on the wire.
public struct ToolCall: Codable, Sendable, Hashable {
    public var id: String
    public var type: String
    public var function: FunctionCall

    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.type = "function"
        self.function = FunctionCall(name: name, arguments: arguments)
    }

    /// The called function's name and its arguments as JSON text.
    public struct FunctionCall: Codable, Sendable, Hashable {
        public var name: String
        public var arguments: String
    }
}
