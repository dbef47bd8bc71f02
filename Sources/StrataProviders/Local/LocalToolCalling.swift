import StrataCore
import StrataEngine

/// Function calling on the local engine. With `tool_choice: "required"` or a named function,
/// the answer is constrained to `{"name": <a tool>, "arguments": <its parameters>}`, so the
/// call always names a real tool and its arguments always validate against its schema.
/// `"auto"` would need the model to choose between text and a call, which a small model does
/// poorly; it is refused with a 400 rather than guessed.
enum LocalToolCalling {
    struct Plan {
        var grammar: JSONSchemaGrammar
        /// Appended as a system message: the tools and the answer shape.
        var instructions: String
    }

    /// nil when the request calls no tools (none given, or `tool_choice: "none"`).
    static func plan(for request: ChatCompletionRequest, provider: String) throws -> Plan? {
        guard let tools = request.tools, !tools.isEmpty else { return nil }
        var chosen = tools
        switch request.toolChoice {
        case .string("none")?:
            return nil
        case .string("required")?:
            break
        case .object(let choice)?:
            guard let name = choice["function"]?["name"]?.stringValue, let tool = tools.first(where: { $0.function.name == name }) else {
                throw ProviderError(kind: .badRequest, provider: provider, message: "tool_choice names a function that is not in tools")
            }
            chosen = [tool]
        default:
            throw ProviderError(kind: .badRequest, provider: provider, message: """
                the local engine calls tools when asked to: send tool_choice "required" or {"type": "function", \
                "function": {"name": …}} ("auto" is not supported for local models)
                """)
        }
        if request.responseFormat.map({ $0.type != "text" }) ?? false {
            throw ProviderError(kind: .badRequest, provider: provider, message: "use either tools or response_format with a local model, not both")
        }
        let alternatives: [JSONValue] = chosen.map { tool in
            .object([
                "type": "object", "additionalProperties": false, "required": .array(["name", "arguments"]),
                "properties": .object([
                    "name": .object(["const": .string(tool.function.name)]),
                    "arguments": tool.function.parameters ?? .object(["type": "object"]),
                ]),
            ])
        }
        let schema: JSONValue = alternatives.count == 1 ? alternatives[0] : .object(["anyOf": .array(alternatives)])
        let grammar: JSONSchemaGrammar
        do {
            grammar = try JSONSchemaGrammar(schemaJSON: Array(schema.jsonString().utf8))
        } catch {
            throw ProviderError(kind: .badRequest, provider: provider, message: "a tool's parameters cannot be enforced by the local engine: \(error)")
        }
        var instructions = "Call one of these functions. Answer with JSON only: {\"name\": function name, \"arguments\": {…}}.\n"
        for tool in chosen {
            instructions += "\n- \(tool.function.name): \(tool.function.description ?? "")\n  parameters: \((tool.function.parameters ?? .object([:])).jsonString())"
        }
        return Plan(grammar: grammar, instructions: instructions)
    }

    /// The call in a constrained answer; nil when the answer was cut before it closed.
    static func toolCall(from text: String) -> ToolCall? {
        guard let value = JSONValue.parse(text), let name = value["name"]?.stringValue, let arguments = value["arguments"] else {
            return nil
        }
        return ToolCall(id: Identifier.make(prefix: "call_", length: 24), name: name, arguments: arguments.jsonString())
    }
}
