/// How an index compares vectors. Distances are "smaller is closer" for all three.
public enum VectorMetric: UInt32, Sendable, CaseIterable {
    /// `1 − cos(a, b)`; vectors are normalised on the way in, so this is `1 − a·b`.
    case cosine = 1
    /// `1 − a·b` on the vectors as given (maximum inner product).
    case dot = 2
    /// Squared Euclidean distance.
    case l2 = 3
}
