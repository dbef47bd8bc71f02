import Foundation

/// An in-memory HNSW graph (Malkov & Yashunin) over float vectors with caller-chosen integer
/// labels: online insert and delete, k-nearest search with a label filter applied during the
/// walk, and snapshots to a file.
///
/// A value type: copies share storage until one is mutated, so a reader can keep searching a
/// copy while a writer inserts (wrap it in an actor or a lock for shared mutation).
/// Deleted vectors stay in the graph as tombstones (they keep it navigable) and are never
/// returned; `compacted()` rebuilds without them.
public struct HNSWIndex: Sendable {
    public let dimensions: Int
    public let metric: VectorMetric
    /// Fixed once built: `m` sets the link layout. Search knobs are settable below.
    public internal(set) var parameters: HNSWParameters

    /// Default candidate list size of `search`.
    public var efSearch: Int {
        get { parameters.efSearch }
        set { parameters.efSearch = max(1, newValue) }
    }

    /// Filtered searches expected to match fewer vectors than this scan exactly.
    public var exactSearchThreshold: Int {
        get { parameters.exactSearchThreshold }
        set { parameters.exactSearchThreshold = max(0, newValue) }
    }

    // Per slot (insertion order). A slot is never reused; a re-inserted label gets a new slot.
    var vectors: [Float] = []
    var labels: [Int] = []
    var levels: [UInt8] = []
    var tombstones: [Bool] = []
    var slotOfLabel: [Int: Int32] = [:]
    /// Layer-0 links, `1 + 2m` Int32 per slot: a count, then neighbour slots.
    var layer0: [Int32] = []
    /// Links above layer 0 for slots whose level is > 0: `level` blocks of `1 + m`.
    var upperLayers: [[Int32]] = []
    var entryPoint: Int32 = -1
    var topLevel = -1
    var random: SplitMix64
    public internal(set) var deletedCount = 0

    static let maxLevel = 15

    public init(dimensions: Int, metric: VectorMetric = .cosine, parameters: HNSWParameters = HNSWParameters()) {
        self.dimensions = max(1, dimensions)
        self.metric = metric
        self.parameters = parameters
        self.random = SplitMix64(state: parameters.seed)
    }

    /// Live (not deleted) vectors.
    public var count: Int { labels.count - deletedCount }
    /// Slots including tombstones: memory use and graph size.
    public var slotCount: Int { labels.count }
    public var isEmpty: Bool { count == 0 }

    var maxLinks0: Int { 2 * parameters.m }
    var maxLinks: Int { parameters.m }
    var stride0: Int { 1 + maxLinks0 }
    var strideUpper: Int { 1 + maxLinks }

    public func contains(_ label: Int) -> Bool { slotOfLabel[label] != nil }

    /// The stored vector of a label (normalised when the metric is cosine).
    public func vector(for label: Int) -> [Float]? {
        guard let slot = slotOfLabel[label] else { return nil }
        let start = Int(slot) * dimensions
        return Array(vectors[start..<(start + dimensions)])
    }

    /// Labels of the live vectors, in insertion order.
    public var liveLabels: [Int] {
        labels.indices.compactMap { tombstones[$0] ? nil : labels[$0] }
    }

    // MARK: Insert and delete

    /// Adds a vector under `label`; an existing vector with the same label is replaced.
    public mutating func insert(_ vector: [Float], label: Int) throws(HNSWError) {
        let prepared = try prepare(vector, label: label)
        if slotOfLabel[label] != nil { delete(label) }
        let slot = Int32(labels.count)
        let level = randomLevel()
        vectors.append(contentsOf: prepared)
        labels.append(label)
        levels.append(UInt8(level))
        tombstones.append(false)
        slotOfLabel[label] = slot
        layer0.append(contentsOf: repeatElement(0, count: stride0))
        upperLayers.append(level > 0 ? [Int32](repeating: 0, count: level * strideUpper) : [])

        guard entryPoint >= 0 else {
            entryPoint = slot
            topLevel = level
            return
        }
        var nearest = DistanceHeap.Entry(distance: distance(prepared, slot: entryPoint), slot: entryPoint)
        if topLevel > level {
            for l in stride(from: topLevel, to: level, by: -1) {
                nearest = greedyClosest(prepared, from: nearest, level: l)
            }
        }
        var entries = [nearest]
        for l in stride(from: min(level, topLevel), through: 0, by: -1) {
            let found = searchLayer(prepared, entries: entries, ef: parameters.efConstruction, level: l, accept: nil)
                .sorted { $0.distance < $1.distance }
            let chosen = selectNeighbors(found, limit: maxLinks)
            setLinks(of: slot, level: l, to: chosen.map(\.slot))
            for neighbour in chosen { link(neighbour.slot, to: slot, distance: neighbour.distance, level: l) }
            entries = found
        }
        if level > topLevel {
            topLevel = level
            entryPoint = slot
        }
    }

    /// Removes the vector with `label`; returns whether there was one.
    @discardableResult
    public mutating func delete(_ label: Int) -> Bool {
        guard let slot = slotOfLabel.removeValue(forKey: label) else { return false }
        tombstones[Int(slot)] = true
        deletedCount += 1
        return true
    }

    /// A fresh index holding only the live vectors, rebuilt without tombstones.
    public func compacted() -> HNSWIndex {
        var fresh = HNSWIndex(dimensions: dimensions, metric: metric, parameters: parameters)
        for slot in labels.indices where !tombstones[slot] {
            let start = slot * dimensions
            // Stored vectors were already checked and normalised, so this cannot fail.
            try? fresh.insert(Array(vectors[start..<(start + dimensions)]), label: labels[slot])
        }
        return fresh
    }

    /// Checks dimensions and finiteness; normalises for cosine.
    func prepare(_ vector: [Float], label: Int) throws(HNSWError) -> [Float] {
        guard vector.count == dimensions else { throw .dimensionMismatch(expected: dimensions, actual: vector.count) }
        guard vector.allSatisfy(\.isFinite) else { throw .nonFiniteVector(label: label) }
        guard metric == .cosine else { return vector }
        var norm: Float = 0
        for x in vector { norm += x * x }
        guard norm > 0 else { return vector }
        let inv = 1 / norm.squareRoot()
        return vector.map { $0 * inv }
    }

    private mutating func randomLevel() -> Int {
        // Level distribution of the paper: floor(-ln U · mL) with mL = 1/ln(m).
        let u = Double(random.next() >> 11) * 0x1.0p-53
        let level = Int(-log(max(u, 1e-300)) / log(Double(parameters.m)))
        return min(level, Self.maxLevel)
    }

    // MARK: Links

    func linkCount(_ slot: Int32, level: Int) -> Int {
        level == 0 ? Int(layer0[Int(slot) * stride0]) : Int(upperLayers[Int(slot)][(level - 1) * strideUpper])
    }

    func links(_ slot: Int32, level: Int) -> ArraySlice<Int32> {
        if level == 0 {
            let base = Int(slot) * stride0
            return layer0[(base + 1)..<(base + 1 + Int(layer0[base]))]
        }
        let block = upperLayers[Int(slot)]
        let base = (level - 1) * strideUpper
        return block[(base + 1)..<(base + 1 + Int(block[base]))]
    }

    private mutating func setLinks(of slot: Int32, level: Int, to neighbours: [Int32]) {
        if level == 0 {
            let base = Int(slot) * stride0
            layer0[base] = Int32(neighbours.count)
            for (i, n) in neighbours.enumerated() { layer0[base + 1 + i] = n }
        } else {
            let base = (level - 1) * strideUpper
            upperLayers[Int(slot)][base] = Int32(neighbours.count)
            for (i, n) in neighbours.enumerated() { upperLayers[Int(slot)][base + 1 + i] = n }
        }
    }

    /// Adds `newSlot` to `slot`'s links; when full, keeps the best by the selection heuristic.
    private mutating func link(_ slot: Int32, to newSlot: Int32, distance: Float, level: Int) {
        let limit = level == 0 ? maxLinks0 : maxLinks
        // A copy, not a slice: a live slice of `layer0` would make the write below copy the
        // whole array.
        let current = Array(links(slot, level: level))
        if current.count < limit {
            setLinks(of: slot, level: level, to: current + [newSlot])
            return
        }
        var candidates = [DistanceHeap.Entry(distance: distance, slot: newSlot)]
        for n in current { candidates.append(.init(distance: distanceBetween(slot, n), slot: n)) }
        candidates.sort { $0.distance < $1.distance }
        setLinks(of: slot, level: level, to: selectNeighbors(candidates, limit: limit).map(\.slot))
    }

    /// The paper's heuristic: take candidates nearest first, skipping one that is closer to an
    /// already chosen neighbour than to the base. Keeps links spread in different directions,
    /// which is what keeps clustered data navigable.
    func selectNeighbors(_ sortedCandidates: [DistanceHeap.Entry], limit: Int) -> [DistanceHeap.Entry] {
        if sortedCandidates.count <= limit { return sortedCandidates }
        var chosen: [DistanceHeap.Entry] = []
        chosen.reserveCapacity(limit)
        for candidate in sortedCandidates {
            var keep = true
            for c in chosen where distanceBetween(candidate.slot, c.slot) < candidate.distance {
                keep = false
                break
            }
            if keep {
                chosen.append(candidate)
                if chosen.count == limit { break }
            }
        }
        return chosen
    }
}
