/// Why a `tokenizer.json` could not be loaded.
public enum TokenizerError: Error, Equatable, Sendable, CustomStringConvertible {
    case fileNotFound(path: String)
    case invalidJSON(path: String, reason: String)
    case unsupportedModel(path: String, type: String)
    case missingToken(path: String, token: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path): "tokenizer file not found: \(path)"
        case .invalidJSON(let path, let reason): "\(path) is not a valid tokenizer.json: \(reason)"
        case .unsupportedModel(let path, let type): "\(path) uses tokenizer model \(type); only WordPiece is supported"
        case .missingToken(let path, let token): "\(path) has no id for the special token \(token)"
        }
    }
}
