import StrataCore

/// Gemini `generateContent` request body.
public struct GeminiRequest: Codable, Sendable, Hashable {
    public var contents: [GeminiContent]
    public var systemInstruction: GeminiContent?
    public var generationConfig: GenerationConfig?
    public var tools: [Tool]?
    public var toolConfig: ToolConfig?

    /// Sampling and output settings.
    public struct GenerationConfig: Codable, Sendable, Hashable {
        public var temperature: Double?
        public var topP: Double?
        public var maxOutputTokens: Int?
        public var stopSequences: [String]?
        public var candidateCount: Int?
        public var seed: Int?
        public var presencePenalty: Double?
        public var frequencyPenalty: Double?
        public var responseMimeType: String?
        public var responseJsonSchema: JSONValue?
    }

    /// Function declarations offered to the model.
    public struct Tool: Codable, Sendable, Hashable {
        public var functionDeclarations: [FunctionDeclaration]
    }

    /// One callable function.
    public struct FunctionDeclaration: Codable, Sendable, Hashable {
        public var name: String
        public var description: String?
        public var parametersJsonSchema: JSONValue?
    }

    /// How the model may call functions.
    public struct ToolConfig: Codable, Sendable, Hashable {
        public var functionCallingConfig: FunctionCallingConfig
    }

    /// `AUTO`, `ANY` (must call) or `NONE`, optionally restricted to some names.
    public struct FunctionCallingConfig: Codable, Sendable, Hashable {
        public var mode: String
        public var allowedFunctionNames: [String]?
    }
}

/// A turn: a role (`user` or `model`) and its parts.
public struct GeminiContent: Codable, Sendable, Hashable {
    public var role: String?
    public var parts: [GeminiPart]

    public init(role: String?, parts: [GeminiPart]) {
        self.role = role
        self.parts = parts
    }
}

/// Text, inline data, a function call or a function's response.
public struct GeminiPart: Codable, Sendable, Hashable {
    public var text: String?
    public var inlineData: InlineData?
    public var fileData: FileData?
    public var functionCall: FunctionCall?
    public var functionResponse: FunctionResponse?
    public var thought: Bool?

    public init(text: String) { self.text = text }
    public init(functionCall: FunctionCall) { self.functionCall = functionCall }
    public init(functionResponse: FunctionResponse) { self.functionResponse = functionResponse }
    public init(inlineData: InlineData) { self.inlineData = inlineData }
    public init(fileData: FileData) { self.fileData = fileData }

    /// Base64 bytes with their MIME type.
    public struct InlineData: Codable, Sendable, Hashable {
        public var mimeType: String
        public var data: String
    }

    /// A file by URI.
    public struct FileData: Codable, Sendable, Hashable {
        public var mimeType: String?
        public var fileUri: String
    }

    /// A call the model makes.
    public struct FunctionCall: Codable, Sendable, Hashable {
        public var id: String?
        public var name: String
        public var args: JSONValue?

        public init(id: String?, name: String, args: JSONValue?) {
            self.id = id
            self.name = name
            self.args = args
        }
    }

    /// The result handed back for a call.
    public struct FunctionResponse: Codable, Sendable, Hashable {
        public var id: String?
        public var name: String
        public var response: JSONValue
    }
}

/// Gemini `generateContent` response (also each streamed chunk).
public struct GeminiResponse: Codable, Sendable, Hashable {
    public var candidates: [Candidate]?
    public var usageMetadata: UsageMetadata?
    public var modelVersion: String?
    public var responseId: String?
    public var promptFeedback: PromptFeedback?

    public init(candidates: [Candidate]?, usageMetadata: UsageMetadata? = nil) {
        self.candidates = candidates
        self.usageMetadata = usageMetadata
    }

    /// One generated alternative.
    public struct Candidate: Codable, Sendable, Hashable {
        public var content: GeminiContent?
        public var finishReason: String?
        public var index: Int?

        public init(content: GeminiContent?, finishReason: String?, index: Int?) {
            self.content = content
            self.finishReason = finishReason
            self.index = index
        }
    }

    /// Token counts.
    public struct UsageMetadata: Codable, Sendable, Hashable {
        public var promptTokenCount: Int?
        public var candidatesTokenCount: Int?
        public var totalTokenCount: Int?
        public var thoughtsTokenCount: Int?

        public init(promptTokenCount: Int?, candidatesTokenCount: Int?) {
            self.promptTokenCount = promptTokenCount
            self.candidatesTokenCount = candidatesTokenCount
            self.totalTokenCount = (promptTokenCount ?? 0) + (candidatesTokenCount ?? 0)
        }
    }

    /// Why a prompt was blocked, when it was.
    public struct PromptFeedback: Codable, Sendable, Hashable {
        public var blockReason: String?
    }
}

/// Gemini's HTTP error body: `{"error": {"code", "message", "status"}}`.
struct GeminiErrorBody: Decodable {
    var error: Detail

    struct Detail: Decodable {
        var code: Int?
        var message: String
        var status: String?
    }
}
