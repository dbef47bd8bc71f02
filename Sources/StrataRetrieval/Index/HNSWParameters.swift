/// Build and search knobs of an `HNSWIndex`, named as in the HNSW paper and hnswlib.
public struct HNSWParameters: Sendable, Equatable {
    /// Links per node on the upper layers; layer 0 keeps up to `2·m`.
    public var m: Int
    /// Candidate list size while inserting: higher builds a better graph, slower.
    public var efConstruction: Int
    /// Default candidate list size while searching (raised to `k` when smaller).
    public var efSearch: Int
    /// A filtered search whose filter is expected to match fewer live vectors than this scans
    /// them exactly instead of walking the graph.
    public var exactSearchThreshold: Int
    /// Seed of the level generator, so builds are reproducible.
    public var seed: UInt64

    public init(m: Int = 16, efConstruction: Int = 200, efSearch: Int = 64,
                exactSearchThreshold: Int = 2048, seed: UInt64 = 0x5EED) {
        self.m = max(2, m)
        self.efConstruction = max(1, efConstruction)
        self.efSearch = max(1, efSearch)
        self.exactSearchThreshold = max(0, exactSearchThreshold)
        self.seed = seed
    }
}
