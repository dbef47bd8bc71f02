/// Why a generation request could not run.
public enum EngineError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyPrompt
    case promptTooLong(tokens: Int, contextLength: Int)
    case noChatTemplate
    case engineStopped

    public var description: String {
        switch self {
        case .emptyPrompt: "the prompt is empty and the model has no BOS token to start from"
        case let .promptTooLong(t, c): "the prompt has \(t) tokens; the model's context holds \(c) (prompt plus output)"
        case .noChatTemplate: "the model has no tokenizer.chat_template"
        case .engineStopped: "the engine thread has stopped"
        }
    }
}
