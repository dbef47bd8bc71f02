/// One search result: the caller's label for the vector and its distance to the query
/// (see `VectorMetric`; smaller is closer).
public struct SearchHit: Sendable, Equatable {
    public let label: Int
    public let distance: Float

    public init(label: Int, distance: Float) {
        self.label = label
        self.distance = distance
    }
}
