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
