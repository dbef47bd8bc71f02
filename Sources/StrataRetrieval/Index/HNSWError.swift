/// Why an index operation or snapshot load failed.
public enum HNSWError: Error, Equatable, Sendable, CustomStringConvertible {
    case dimensionMismatch(expected: Int, actual: Int)
    case nonFiniteVector(label: Int)
    case snapshotUnreadable(path: String, reason: String)
    case snapshotCorrupt(path: String, reason: String)
    case snapshotUnsupportedVersion(path: String, version: UInt32)
    case snapshotWriteFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .dimensionMismatch(let expected, let actual): "vector has \(actual) dimensions, the index holds \(expected)"
        case .nonFiniteVector(let label): "vector for label \(label) contains NaN or infinity"
        case .snapshotUnreadable(let path, let reason): "cannot read index snapshot \(path): \(reason)"
        case .snapshotCorrupt(let path, let reason): "index snapshot \(path) is corrupt: \(reason)"
        case .snapshotUnsupportedVersion(let path, let version): "index snapshot \(path) has unsupported version \(version)"
        case .snapshotWriteFailed(let path, let reason): "cannot write index snapshot \(path): \(reason)"
        }
    }
}
