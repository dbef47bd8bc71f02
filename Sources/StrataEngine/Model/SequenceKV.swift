/// The key/value history of one sequence: a block table and a length.
struct SequenceKV {
    var blockTable: [Int] = []
    var count = 0

    /// Makes room for positions up to `length` (exclusive). The block the next write lands
    /// in is made private first if it is shared (copy on write).
    mutating func reserve(_ length: Int, in pool: KVBlockPool) {
        let partial = count / pool.blockTokens
        if count % pool.blockTokens != 0, partial < blockTable.count, pool.isShared(blockTable[partial]) {
            blockTable[partial] = pool.copyOnWrite(blockTable[partial])
        }
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

    /// Starts from cached blocks (already retained) holding the first `blocks.count` full blocks.
    mutating func adopt(_ blocks: [Int], in pool: KVBlockPool) {
        reset(in: pool)
        blockTable = blocks
        count = blocks.count * pool.blockTokens
    }

    /// Registers every full block of `tokens` (the tokens this sequence holds, from 0) in
    /// the prefix cache.
    func registerFullBlocks(_ tokens: [Int], in pool: KVBlockPool) {
        let bt = pool.blockTokens
        var hash: UInt64 = 0
        for i in 0 ..< min(blockTable.count, min(count, tokens.count) / bt) {
            hash = KVBlockPool.chain(hash, tokens[i * bt ..< (i + 1) * bt])
            pool.register(blockTable[i], hash: hash)
        }
    }
}
