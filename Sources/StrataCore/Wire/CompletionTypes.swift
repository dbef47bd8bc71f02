/// `POST /v1/completions` (legacy text completion) request body.
public struct CompletionRequest: Codable, Sendable, Hashable {
    public var model: String
    public var prompt: PromptInput
    public var maxTokens: Int?
    public var temperature: Double?
    public var topP: Double?
    public var n: Int?
    public var stream: Bool?
    public var streamOptions: StreamOptions?
    public var stop: StopSequences?
    public var seed: Int?
    public var logprobs: Int?
    public var echo: Bool?
    public var user: String?
    public var presencePenalty: Double?
    public var frequencyPenalty: Double?

    public init(model: String, prompt: PromptInput) {
        self.model = model
        self.prompt = prompt
    }

    enum CodingKeys: String, CodingKey {
        case model, prompt, temperature, n, stream, stop, seed, logprobs, echo, user
        case maxTokens = "max_tokens"
        case topP = "top_p"
        case streamOptions = "stream_options"
        case presencePenalty = "presence_penalty"
        case frequencyPenalty = "frequency_penalty"
    }

    /// The prompt: one string or several (a batch).
    public struct PromptInput: Codable, Sendable, Hashable {
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
            if values.count == 1 { try container.encode(values[0]) } else { try container.encode(values) }
        }
    }
}

/// `POST /v1/completions` response body, also used for its stream chunks.
public struct CompletionResponse: Codable, Sendable, Hashable {
    public var id: String
    public var object: String
    public var created: Int
    public var model: String
    public var choices: [Choice]
    public var usage: Usage?

    public init(id: String, created: Int, model: String, choices: [Choice], usage: Usage?) {
        self.id = id
        self.object = "text_completion"
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
    }

    /// One completion alternative.
    public struct Choice: Codable, Sendable, Hashable {
        public var index: Int
        public var text: String
        public var finishReason: String?
        public var logprobs: JSONValue?

        public init(index: Int, text: String, finishReason: String?) {
            self.index = index
            self.text = text
            self.finishReason = finishReason
        }

        enum CodingKeys: String, CodingKey {
            case index, text, logprobs
            case finishReason = "finish_reason"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(index, forKey: .index)
            try c.encode(text, forKey: .text)
            try c.encode(finishReason, forKey: .finishReason)
            try c.encode(logprobs, forKey: .logprobs)
        }
    }
}

/// `POST /v1/embeddings` request body.
public struct EmbeddingRequest: Codable, Sendable, Hashable {
    public var model: String
    public var input: EmbeddingInput
    public var encodingFormat: String?
    public var dimensions: Int?
    public var user: String?

    public init(model: String, input: [String]) {
        self.model = model
        self.input = EmbeddingInput(texts: input)
    }

    enum CodingKeys: String, CodingKey {
        case model, input, dimensions, user
        case encodingFormat = "encoding_format"
    }

    /// Embedding input: a string, a list of strings, or token arrays (passed upstream as-is).
    public struct EmbeddingInput: Codable, Sendable, Hashable {
        public var texts: [String]
        public var tokens: [[Int]]?

        public init(texts: [String]) { self.texts = texts }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let single = try? container.decode(String.self) {
                texts = [single]
            } else if let many = try? container.decode([String].self) {
                texts = many
            } else if let tokens = try? container.decode([Int].self) {
                texts = []
                self.tokens = [tokens]
            } else {
                texts = []
                tokens = try container.decode([[Int]].self)
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            if let tokens { try container.encode(tokens) } else { try container.encode(texts) }
        }

        public var count: Int { tokens?.count ?? texts.count }
    }
}

/// `POST /v1/embeddings` response body.
public struct EmbeddingResponse: Codable, Sendable, Hashable {
    public var object: String
    public var data: [Embedding]
    public var model: String
    public var usage: EmbeddingUsage

    public init(data: [Embedding], model: String, usage: EmbeddingUsage) {
        self.object = "list"
        self.data = data
        self.model = model
        self.usage = usage
    }

    /// One input's vector.
    public struct Embedding: Codable, Sendable, Hashable {
        public var object: String
        public var index: Int
        public var embedding: [Float]
        public init(index: Int, embedding: [Float]) {
            self.object = "embedding"
            self.index = index
            self.embedding = embedding
        }
    }

    /// Token counts of an embedding request.
    public struct EmbeddingUsage: Codable, Sendable, Hashable {
        public var promptTokens: Int
        public var totalTokens: Int
        public init(promptTokens: Int) {
            self.promptTokens = promptTokens
            self.totalTokens = promptTokens
        }
        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case totalTokens = "total_tokens"
        }
    }
}

/// `GET /v1/models` entry.
public struct ModelInfo: Codable, Sendable, Hashable {
    public var id: String
    public var object: String
    public var created: Int
    public var ownedBy: String

    public init(id: String, created: Int, ownedBy: String) {
        self.id = id
        self.object = "model"
        self.created = created
        self.ownedBy = ownedBy
    }

    enum CodingKeys: String, CodingKey {
        case id, object, created
        case ownedBy = "owned_by"
    }
}

/// `GET /v1/models` body.
public struct ModelList: Codable, Sendable, Hashable {
    public var object: String
    public var data: [ModelInfo]
    public init(data: [ModelInfo]) {
        self.object = "list"
        self.data = data
    }
}
