/// Why a safetensors file could not be read; each case names the file and what is wrong with it.
public enum SafetensorsError: Error, Equatable, Sendable, CustomStringConvertible {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case truncated(path: String, reason: String)
    case corruptHeader(path: String, reason: String)
    case unsupportedDType(tensor: String, dtype: String)
    case tensorOutOfBounds(tensor: String, begin: Int, end: Int, dataSize: Int)
    case shapeMismatch(tensor: String, expectedBytes: Int, actualBytes: Int)
    case missingTensor(name: String)
    case unexpectedShape(tensor: String, expected: [Int], actual: [Int])

    public var description: String {
        switch self {
        case .fileNotFound(let path): "safetensors file not found: \(path)"
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .truncated(let path, let reason): "\(path) is truncated: \(reason)"
        case .corruptHeader(let path, let reason): "\(path) has a corrupt header: \(reason)"
        case .unsupportedDType(let tensor, let dtype): "tensor \(tensor) has unsupported dtype \(dtype) (F32, F16, BF16 are read)"
        case .tensorOutOfBounds(let tensor, let begin, let end, let size):
            "tensor \(tensor) spans bytes \(begin)..<\(end) but the data section has \(size) bytes"
        case .shapeMismatch(let tensor, let expected, let actual):
            "tensor \(tensor) shape needs \(expected) bytes but its offsets cover \(actual)"
        case .missingTensor(let name): "tensor \(name) is missing"
        case .unexpectedShape(let tensor, let expected, let actual):
            "tensor \(tensor) has shape \(actual), expected \(expected)"
        }
    }
}
