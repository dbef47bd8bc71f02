/// Fixed-size blocks of key/value storage, handed out and taken back without fragmentation.
/// A block holds `blockTokens` positions for every layer as f16 (half the memory traffic of
/// f32, as llama.cpp does): `[layer][k|v][kvHead][token][headDim]`, so one head's keys for
/// consecutive positions are contiguous for the attention loop.
/// It knows nothing of requests; sequences own blocks through a `SequenceKV` block table
/// (the shape paged attention and prefix sharing will build on).
final class KVBlockPool {
    let blockTokens: Int
    let layers: Int
    let kvDim: Int
    private var blocks: [UnsafeMutablePointer<Float16>] = []
    private var free: [Int] = []

    init(layers: Int, kvDim: Int, blockTokens: Int = 64) {
        self.layers = layers
        self.kvDim = kvDim
        self.blockTokens = blockTokens
    }

    deinit { for b in blocks { b.deallocate() } }

    var floatsPerBlock: Int { layers * 2 * blockTokens * kvDim }

    func allocate() -> Int {
        if let i = free.popLast() { return i }
        blocks.append(UnsafeMutablePointer<Float16>.allocate(capacity: floatsPerBlock))
        return blocks.count - 1
    }

    func release(_ ids: [Int]) { free += ids }

    @inline(__always)
    func keys(block: Int, layer: Int) -> UnsafeMutablePointer<Float16> {
        blocks[block] + (layer * 2) * blockTokens * kvDim
    }

    @inline(__always)
    func values(block: Int, layer: Int) -> UnsafeMutablePointer<Float16> {
        blocks[block] + (layer * 2 + 1) * blockTokens * kvDim
    }
}

/// The key/value history of one sequence: a block table and a length.
struct SequenceKV {
    var blockTable: [Int] = []
    var count = 0

    /// Makes room for positions up to `length` (exclusive).
    mutating func reserve(_ length: Int, in pool: KVBlockPool) {
        while blockTable.count * pool.blockTokens < length { blockTable.append(pool.allocate()) }
    }

    mutating func reset(in pool: KVBlockPool) {
        pool.release(blockTable)
        blockTable = []
        count = 0
    }

    /// Drops positions from `length` on, keeping a shared prefix for the next request.
    mutating func truncate(to length: Int, in pool: KVBlockPool) {
        count = min(count, length)
        let keep = (count + pool.blockTokens - 1) / pool.blockTokens
        if keep < blockTable.count {
            pool.release(Array(blockTable[keep...]))
            blockTable.removeLast(blockTable.count - keep)
        }
    }
}
