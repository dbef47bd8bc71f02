/// Fixed-size blocks of key/value storage, handed out and taken back without fragmentation.
/// A block holds `blockTokens` positions for every layer as f16 (half the memory traffic of
/// f32, as llama.cpp does): `[layer][k|v][kvHead][token][headDim]`, so one head's keys for
/// consecutive positions are contiguous for the attention loop.
///
/// It knows nothing of requests; sequences own blocks through a `SequenceKV` block table.
/// Prefix caching: a full block can be registered under the hash of every token up to its
/// end; a later sequence starting with the same tokens takes it instead of recomputing it.
/// Blocks are reference counted; a cached block nobody uses stays until it is the least
/// recently used one and the pool needs room (`capacity` blocks), then it is evicted.
final class KVBlockPool {
    let blockTokens: Int
    let layers: Int
    let kvDim: Int
    /// Blocks kept before cached ones are evicted; more are made when every block is in use,
    /// so a long sequence never fails for want of memory (the overflow is counted).
    let capacity: Int
    private var blocks: [UnsafeMutablePointer<Float16>] = []
    private var free: [Int] = []
    private var references: [Int] = []
    private var hashOfBlock: [UInt64?] = []
    private var lastUse: [UInt64] = []
    private var blockOfHash: [UInt64: Int] = [:]
    private var tick: UInt64 = 0
    private(set) var stats = Stats()

    struct Stats: Sendable, Equatable {
        var evictions = 0
        /// Blocks made beyond `capacity` because every block was referenced.
        var overflows = 0
        var lookups = 0
        var hits = 0
    }

    init(layers: Int, kvDim: Int, blockTokens: Int = 64, capacity: Int = 512) {
        self.layers = layers
        self.kvDim = kvDim
        self.blockTokens = blockTokens
        self.capacity = max(1, capacity)
    }

    deinit { for b in blocks { b.deallocate() } }

    var floatsPerBlock: Int { layers * 2 * blockTokens * kvDim }
    var bytesPerBlock: Int { floatsPerBlock * MemoryLayout<Float16>.size }
    var allocatedBlocks: Int { blocks.count }
    var blocksInUse: Int { references.count { $0 > 0 } }
    var cachedBlocks: Int { blockOfHash.count }

    /// A block for the caller alone (reference count 1).
    func allocate() -> Int {
        let id: Int
        if let i = free.popLast() {
            id = i
        } else if blocks.count < capacity {
            id = makeBlock()
        } else if let victim = leastRecentlyUsedCachedBlock() {
            if let hash = hashOfBlock[victim] { blockOfHash[hash] = nil }
            hashOfBlock[victim] = nil
            stats.evictions += 1
            id = victim
        } else {
            stats.overflows += 1
            id = makeBlock()
        }
        references[id] = 1
        return id
    }

    private func makeBlock() -> Int {
        blocks.append(UnsafeMutablePointer<Float16>.allocate(capacity: floatsPerBlock))
        references.append(0)
        hashOfBlock.append(nil)
        lastUse.append(0)
        return blocks.count - 1
    }

    private func leastRecentlyUsedCachedBlock() -> Int? {
        var best: Int?
        for (block, hash) in hashOfBlock.enumerated() where hash != nil && references[block] == 0 {
            if best.map({ lastUse[block] < lastUse[$0] }) ?? true { best = block }
        }
        return best
    }

    func retain(_ block: Int) {
        references[block] += 1
    }

    /// Drops one reference of each block; a block nobody references goes back to the free
    /// list, or, if it is registered, stays cached until evicted.
    func release(_ ids: [Int]) {
        for id in ids {
            references[id] -= 1
            guard references[id] == 0 else { continue }
            tick += 1
            lastUse[id] = tick
            if hashOfBlock[id] == nil { free.append(id) }
        }
    }

    /// The cached block for this prefix hash, retained for the caller.
    func take(hash: UInt64) -> Int? {
        stats.lookups += 1
        guard let block = blockOfHash[hash] else { return nil }
        stats.hits += 1
        references[block] += 1
        return block
    }

    /// Makes a full block findable by its prefix hash (a block already cached under the hash wins).
    func register(_ block: Int, hash: UInt64) {
        guard hashOfBlock[block] == nil, blockOfHash[hash] == nil else { return }
        hashOfBlock[block] = hash
        blockOfHash[hash] = block
    }

    /// Whether writing into `block` could change what another sequence or the cache sees.
    func isShared(_ block: Int) -> Bool {
        references[block] > 1 || hashOfBlock[block] != nil
    }

    /// A private copy of `block` (for a sequence about to write into a shared one); the
    /// caller's reference moves from the original to the copy.
    func copyOnWrite(_ block: Int) -> Int {
        let copy = allocate()
        blocks[copy].update(from: blocks[block], count: floatsPerBlock)
        release([block])
        return copy
    }

    /// The hash of a full block's tokens chained to the hash of everything before it.
    static func chain(_ parent: UInt64, _ tokens: ArraySlice<Int>) -> UInt64 {
        var h = parent ^ 0x9E37_79B9_7F4A_7C15
        for token in tokens {
            h = (h ^ UInt64(truncatingIfNeeded: token)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
        }
        return h
    }

    @inline(__always)
    func keys(block: Int, layer: Int) -> UnsafeMutablePointer<Float16> {
        blocks[block] + (layer * 2) * blockTokens * kvDim
    }

    @inline(__always)
    func values(block: Int, layer: Int) -> UnsafeMutablePointer<Float16> {
        blocks[block] + (layer * 2 + 1) * blockTokens * kvDim
    }
}
