import StrataCore

/// Checks a chat request before it costs anything: every problem is a 400 naming the field.
public enum RequestValidator {
    static let roles: Set<String> = ["system", "developer", "user", "assistant", "tool", "function"]

    public static func validate(_ request: ChatCompletionRequest) throws {
        if request.model.isEmpty { throw StrataError.invalidField("model", "'model' must not be empty.") }
        if request.messages.isEmpty {
            throw StrataError.invalidField("messages", "'messages' must contain at least one message.")
        }
        for (index, message) in request.messages.enumerated() {
            if !roles.contains(message.role) {
                throw StrataError.invalidField("messages[\(index)].role",
                    "Invalid role '\(message.role)' in messages[\(index)]; expected one of: \(roles.sorted().joined(separator: ", ")).")
            }
            if message.role == "tool" && (message.toolCallID ?? "").isEmpty {
                throw StrataError.invalidField("messages[\(index)].tool_call_id",
                                               "messages[\(index)] has role 'tool' but no 'tool_call_id'.")
            }
        }
        try range("temperature", request.temperature, 0...2)
        try range("top_p", request.topP, 0...1)
        try range("presence_penalty", request.presencePenalty, -2...2)
        try range("frequency_penalty", request.frequencyPenalty, -2...2)
        if let n = request.n, !(1...128).contains(n) {
            throw StrataError.invalidField("n", "'n' must be between 1 and 128.")
        }
        if let max = request.outputTokenLimit, max < 1 {
            throw StrataError.invalidField(request.maxCompletionTokens != nil ? "max_completion_tokens" : "max_tokens",
                                           "The output token limit must be at least 1.")
        }
        if let top = request.topLogprobs, !(0...20).contains(top) {
            throw StrataError.invalidField("top_logprobs", "'top_logprobs' must be between 0 and 20.")
        }
        if let stops = request.stop?.values, stops.count > 4 {
            throw StrataError.invalidField("stop", "At most 4 stop sequences are allowed.")
        }
        if request.streamOptions != nil && !request.isStreaming {
            throw StrataError.invalidField("stream_options", "'stream_options' is only allowed when 'stream' is true.")
        }
        if let format = request.responseFormat {
            switch format.type {
            case "text", "json_object": break
            case "json_schema":
                if format.jsonSchema == nil {
                    throw StrataError.invalidField("response_format.json_schema",
                                                   "'response_format' of type 'json_schema' needs 'json_schema'.")
                }
            default:
                throw StrataError.invalidField("response_format.type",
                    "Invalid response_format type '\(format.type)'; expected text, json_object or json_schema.")
            }
        }
        for (index, tool) in (request.tools ?? []).enumerated() where tool.function.name.isEmpty {
            throw StrataError.invalidField("tools[\(index)].function.name", "Every tool needs a function name.")
        }
    }

    static func range(_ field: String, _ value: Double?, _ bounds: ClosedRange<Double>) throws {
        guard let value else { return }
        if !bounds.contains(value) {
            throw StrataError.invalidField(field, "'\(field)' must be between \(bounds.lowerBound) and \(bounds.upperBound); got \(value).")
        }
    }
}
