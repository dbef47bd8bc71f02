import XCTest
@testable import StrataEngine

/// The block pool's prefix cache: sharing, eviction, copy on write, no leaks; and a model
/// answering from cached blocks exactly as it answers from scratch.
final class PrefixCacheTests: XCTestCase {
    func pool(capacity: Int) -> KVBlockPool { KVBlockPool(layers: 1, kvDim: 4, blockTokens: 4, capacity: capacity) }

    func testCachedBlocksAreSharedThenEvictedLeastRecentlyUsedFirst() {
        let p = pool(capacity: 3)
        let a = p.allocate(), b = p.allocate()
        p.register(a, hash: 10)
        p.register(b, hash: 20)
        p.release([a, b])
        XCTAssertEqual(p.blocksInUse, 0)
        XCTAssertEqual(p.cachedBlocks, 2)
        XCTAssertEqual(p.take(hash: 10), a, "a cached block is found by its prefix hash")
        p.release([a])  // a is now more recently used than b
        let c = p.allocate()  // below capacity: a new block
        XCTAssertNotEqual(c, a)
        XCTAssertNotEqual(c, b)
        let d = p.allocate()  // at capacity: evicts b, the least recently used cached block
        XCTAssertEqual(d, b)
        XCTAssertNil(p.take(hash: 20))
        XCTAssertEqual(p.stats.evictions, 1)
        let e = p.allocate()  // evicts a
        XCTAssertEqual(e, a)
        let f = p.allocate()  // nothing evictable: grows past capacity, never fails
        XCTAssertEqual(p.stats.overflows, 1)
        XCTAssertEqual(p.allocatedBlocks, 4)
        p.release([c, d, e, f])
        XCTAssertEqual(p.blocksInUse, 0)
    }

    func testWritingIntoASharedBlockCopiesItFirst() {
        let p = pool(capacity: 8)
        var first = SequenceKV()
        first.reserve(8, in: p)  // two blocks
        first.count = 8
        first.registerFullBlocks([1, 2, 3, 4, 5, 6, 7, 8], in: p)
        let original = first.blockTable
        var second = SequenceKV()
        let shared = [p.take(hash: KVBlockPool.chain(0, [1, 2, 3, 4][...]))!]
        second.adopt(shared, in: p)
        second.truncate(to: 2, in: p)  // into the middle of the shared block
        second.reserve(3, in: p)
        XCTAssertNotEqual(second.blockTable[0], original[0], "the shared block was copied, not written")
        XCTAssertEqual(first.blockTable, original)
        first.reset(in: p)
        second.reset(in: p)
        XCTAssertEqual(p.blocksInUse, 0)
    }

    func testRandomWorkloadsLeakNoBlocks() {
        var rng = SeededGenerator(seed: 7)
        for round in 0 ..< 20 {
            let p = pool(capacity: 6)
            var sequences = [SequenceKV](repeating: SequenceKV(), count: 3)
            for _ in 0 ..< 200 {
                let i = Int(rng.next() % 3)
                switch rng.next() % 5 {
                case 0:
                    let length = sequences[i].count + Int(rng.next() % 9)
                    sequences[i].reserve(length, in: p)
                    sequences[i].count = length
                case 1: sequences[i].truncate(to: Int(rng.next() % UInt64(sequences[i].count + 1)), in: p)
                case 2:
                    let tokens = (0 ..< sequences[i].count).map { $0 % 5 }
                    sequences[i].registerFullBlocks(tokens, in: p)
                case 3:
                    var blocks: [Int] = []
                    var hash: UInt64 = 0
                    for b in 0 ..< 3 {
                        hash = KVBlockPool.chain(hash, (b * 4 ..< b * 4 + 4).map { $0 % 5 }[...])
                        guard let block = p.take(hash: hash) else { break }
                        blocks.append(block)
                    }
                    sequences[i].adopt(blocks, in: p)
                default: sequences[i].reset(in: p)
                }
            }
            for i in sequences.indices { sequences[i].reset(in: p) }
            XCTAssertEqual(p.blocksInUse, 0, "round \(round)")
        }
    }

    func testAnswersFromCachedBlocksMatchAnswersFromScratch() async throws {
        let m = try LocalModelTests.smol.get()
        let policy = String(repeating: "Every answer must be short, polite and cite the handbook section it relies on. ", count: 12)
        let other = String(repeating: "You are a pirate and speak like one at all times, arr. ", count: 12)
        var greedy = SamplingParameters()
        greedy.temperature = 0
        greedy.maxTokens = 24
        func prompt(_ system: String, _ question: String) throws -> String {
            try m.renderChat([ChatTurn(role: "system", content: system), ChatTurn(role: "user", content: question)])
        }
        _ = try await LocalModelTests.collect(m, try prompt(policy, "How many vacation days do I get?"), greedy)
        _ = try await LocalModelTests.collect(m, try prompt(other, "Where is the treasure?"), greedy)
        let (cachedText, chunks) = try await LocalModelTests.collect(m, try prompt(policy, "Can I work from home?"), greedy)
        let reused = chunks.last?.cachedPromptTokens ?? 0
        XCTAssertGreaterThanOrEqual(reused, 128, "the shared system prompt's blocks came from the cache")
        let fresh = try LocalModel(path: TestFiles.smolLM2())
        let (freshText, freshChunks) = try await LocalModelTests.collect(fresh, try prompt(policy, "Can I work from home?"), greedy)
        XCTAssertEqual(freshChunks.last?.cachedPromptTokens, 0)
        XCTAssertEqual(cachedText, freshText, "cached prefix blocks give bit-identical results")
    }
}
