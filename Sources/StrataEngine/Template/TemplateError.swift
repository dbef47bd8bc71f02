/// A chat template that could not be parsed or rendered, with the position in the template.
public enum TemplateError: Error, Equatable, Sendable, CustomStringConvertible {
    case syntax(String, offset: Int)
    case unsupported(String, offset: Int)
    case runtime(String)
    /// The template called `raise_exception(message)`.
    case raised(String)

    public var description: String {
        switch self {
        case let .syntax(m, o): "chat template syntax error at offset \(o): \(m)"
        case let .unsupported(m, o): "chat template uses an unsupported feature at offset \(o): \(m)"
        case let .runtime(m): "chat template error: \(m)"
        case let .raised(m): "chat template rejected the conversation: \(m)"
        }
    }
}
