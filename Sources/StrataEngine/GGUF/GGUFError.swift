/// Why a GGUF file could not be read or used; each case says what was expected and where.
public enum GGUFError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case badMagic(found: [UInt8])
    case unsupportedVersion(UInt32)
    case bigEndianUnsupported
    case truncated(what: String, offset: Int, needed: Int, fileSize: Int)
    case implausibleCount(what: String, count: UInt64, offset: Int)
    case invalidUTF8(what: String, offset: Int)
    case invalidValueType(key: String, rawType: UInt32, offset: Int)
    case duplicateKey(String)
    case invalidAlignment(UInt64)
    case unknownTensorType(tensor: String, rawType: UInt32)
    case invalidTensorShape(tensor: String, dimensions: [UInt64], reason: String)
    case tensorOutOfBounds(tensor: String, offset: UInt64, byteCount: UInt64, dataSize: Int)
    case misalignedTensor(tensor: String, offset: UInt64, alignment: Int)
    case duplicateTensor(String)
    case missingMetadata(key: String)
    case wrongMetadataType(key: String, expected: String, found: String)
    case missingTensor(String)
    case tensorShapeMismatch(tensor: String, expected: [Int], found: [Int])
    case unsupportedTensorType(tensor: String, type: String)
    case unsupportedArchitecture(String)
    case invalidHyperparameter(key: String, value: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): "cannot open GGUF file \(path): \(reason)"
        case let .badMagic(found): "not a GGUF file: expected magic \"GGUF\" at offset 0, found bytes \(found)"
        case let .unsupportedVersion(v): "unsupported GGUF version \(v) at offset 4 (supported: 2, 3)"
        case .bigEndianUnsupported: "big-endian GGUF files are not supported (version field at offset 4 is byte-swapped)"
        case let .truncated(what, offset, needed, size): "GGUF file truncated: reading \(what) at offset \(offset) needs \(needed) bytes, file has \(size)"
        case let .implausibleCount(what, count, offset): "implausible \(what) \(count) at offset \(offset)"
        case let .invalidUTF8(what, offset): "\(what) at offset \(offset) is not valid UTF-8"
        case let .invalidValueType(key, raw, offset): "metadata \(key): unknown value type \(raw) at offset \(offset) (expected 0...12)"
        case let .duplicateKey(key): "metadata key \(key) appears twice"
        case let .invalidAlignment(a): "general.alignment \(a) is not a positive power of two"
        case let .unknownTensorType(t, raw): "tensor \(t): unknown ggml type \(raw)"
        case let .invalidTensorShape(t, dims, reason): "tensor \(t): invalid shape \(dims): \(reason)"
        case let .tensorOutOfBounds(t, off, n, size): "tensor \(t): data at \(off)+\(n) bytes lies outside the data section of \(size) bytes"
        case let .misalignedTensor(t, off, a): "tensor \(t): data offset \(off) is not a multiple of the alignment \(a)"
        case let .duplicateTensor(t): "tensor \(t) appears twice"
        case let .missingMetadata(key): "required metadata key \(key) is missing"
        case let .wrongMetadataType(key, expected, found): "metadata \(key): expected \(expected), found \(found)"
        case let .missingTensor(t): "required tensor \(t) is missing"
        case let .tensorShapeMismatch(t, e, f): "tensor \(t): expected shape \(e), found \(f)"
        case let .unsupportedTensorType(t, type): "tensor \(t): type \(type) is not supported by this engine"
        case let .unsupportedArchitecture(a): "architecture \(a) is not supported (supported: llama, qwen2, mistral, smollm)"
        case let .invalidHyperparameter(key, value, reason): "metadata \(key) = \(value): \(reason)"
        }
    }
}
