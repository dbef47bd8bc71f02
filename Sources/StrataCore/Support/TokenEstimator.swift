/// A fast estimate of token counts (about four characters per token) for routing rules and
/// limits before an upstream reports real usage. Never used for billing.
public enum TokenEstimator {
    public static func estimate(_ text: String) -> Int {
        (text.utf8.count + 3) / 4
    }

    public static func estimate(_ request: ChatCompletionRequest) -> Int {
        var total = 0
        for message in request.messages {
            total += 4 + estimate(message.content?.plainText ?? "")
            for call in message.toolCalls ?? [] {
                total += estimate(call.function.name) + estimate(call.function.arguments)
            }
        }
        for tool in request.tools ?? [] {
            total += estimate(tool.function.name) + estimate(tool.function.description ?? "")
                + estimate(tool.function.parameters?.jsonString() ?? "")
        }
        return total
    }
}
