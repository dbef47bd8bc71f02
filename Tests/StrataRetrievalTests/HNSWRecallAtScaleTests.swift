import Foundation
import XCTest
@testable import StrataRetrieval

/// Recall of `HNSWIndex` at the size the index is meant for: 20,000 vectors of 384 dimensions,
/// clustered random ones and real sentence embeddings, at the default parameters (M=16,
/// efConstruction=200, efSearch=64), then after deletes and under filters of 1%, 10% and 50%.
/// Recall is measured against `exactSearch`; speed is bench/retrieval's business, not a test's.
final class HNSWRecallAtScaleTests: XCTestCase {
    private let k = 10

    func testClusteredRandomVectorsKeepRecallThroughDeletesAndFilters() throws {
        // Queries come from the same clusters as the data (drawn with other centres they would be
        // about equally far from everything, and no index finds a meaningful top 10 then).
        // A hard set: 1,000 noisy points per cluster, a query's 10th neighbour almost as similar
        // as its 1st (cosine ~0.78 vs ~0.79). Recall as built is 0.96 here; on the same
        // distribution hnswlib gets 0.963 at the same M/ef, and efSearch 128 gives both 0.996.
        var all = clusteredVectors(20_200, dimensions: 384, seed: 21)
        let queries = Array(all.suffix(200))
        all.removeLast(200)
        let data = all
        var index = try build(data.enumerated().map { ($0.offset, $0.element) })
        try checkRecallDeletesAndFilters(&index, data: data, queries: queries, name: "clustered random")
    }

    func testSentenceEmbeddingsKeepRecallThroughDeletesAndFilters() throws {
        let vectors = try loadTextVectors()
        XCTAssertEqual(vectors.count, 20_000)
        // Every 100th sentence is a held-out query; the others are indexed under their position.
        let held = Set(stride(from: 0, to: vectors.count, by: 100))
        let queries = held.sorted().map { vectors[$0] }
        var index = try build(vectors.enumerated().filter { !held.contains($0.offset) }.map { ($0.offset, $0.element) })
        XCTAssertEqual(index.count, vectors.count - held.count)
        try checkRecallDeletesAndFilters(&index, data: vectors, queries: queries, name: "sentence embeddings")
    }

    // MARK: Checks shared by both data sets

    /// Recall as built; then 10% deleted (never returned, recall holds); then filters of 1%, 10%
    /// and 50% of the labels, served as `search` chooses (below `exactSearchThreshold` matches,
    /// here at 1% and 10%, by an exact scan) and by the filtered graph walk alone.
    private func checkRecallDeletesAndFilters(_ index: inout HNSWIndex, data: [[Float]], queries: [[Float]],
                                              name: String) throws {
        let built = try recall(index, queries: queries)
        print("\(name): recall@10 \(built) over \(queries.count) queries, \(index.count) vectors")
        XCTAssertGreaterThanOrEqual(built, 0.95, "\(name): recall@10 as built")

        var rng = SplitMix64(state: 0xDE1E7E)
        let live = index.liveLabels
        let deleted = Set(live.shuffled(using: &rng).prefix(live.count / 10))
        for label in deleted { XCTAssertTrue(index.delete(label)) }
        XCTAssertEqual(index.count, live.count - deleted.count)
        // A deleted vector is its own nearest neighbour: the hardest case for a tombstone.
        for label in deleted.sorted().prefix(200) {
            let hits = try index.search(data[label], k: k)
            XCTAssertEqual(hits.count, k)
            XCTAssertFalse(hits.contains { deleted.contains($0.label) }, "\(name): deleted label \(label) returned")
        }
        let afterDeletes = try recall(index, queries: queries, deleted: deleted)
        print("\(name): recall@10 after deleting \(deleted.count): \(afterDeletes)")
        XCTAssertGreaterThanOrEqual(afterDeletes, 0.95, "\(name): recall@10 after deletes")

        // Filter membership from a seeded shuffle, independent of clusters, sentences and deletes.
        var rank = [Int](repeating: 0, count: data.count)
        for (position, label) in Array(data.indices).shuffled(using: &rng).enumerated() { rank[label] = position }
        var walkOnly = index
        walkOnly.exactSearchThreshold = 0
        for percent in [1, 10, 50] {
            let passing = data.count * percent / 100
            let filter: (Int) -> Bool = { rank[$0] < passing }
            let served = try recall(index, queries: queries, filter: filter, deleted: deleted)
            let walked = try recall(walkOnly, queries: queries, filter: filter, deleted: deleted)
            print("\(name): filtered recall@10 at \(percent)%: \(served) as served, \(walked) by the graph walk alone")
            XCTAssertGreaterThanOrEqual(served, 0.95, "\(name): filtered recall@10 at \(percent)%")
            XCTAssertGreaterThanOrEqual(walked, 0.95, "\(name): walk-only filtered recall@10 at \(percent)%")
        }
    }

    /// Mean share of the exact top-k found; asserts every search returns as many hits as the exact
    /// one, only passing and live labels.
    private func recall(_ index: HNSWIndex, queries: [[Float]], filter: ((Int) -> Bool)? = nil,
                        deleted: Set<Int> = []) throws -> Double {
        var hits = 0, total = 0
        for q in queries {
            let truth = Set(try index.exactSearch(q, k: k, filter: filter).map(\.label))
            let found = try index.search(q, k: k, filter: filter)
            XCTAssertEqual(found.count, k)
            XCTAssertEqual(found.count, truth.count)
            XCTAssertFalse(found.contains { deleted.contains($0.label) }, "a deleted label came back")
            if let filter { XCTAssertTrue(found.allSatisfy { filter($0.label) }, "a filtered-out label came back") }
            hits += found.filter { truth.contains($0.label) }.count
            total += truth.count
        }
        return Double(hits) / Double(max(total, 1))
    }

    private func build(_ items: [(label: Int, vector: [Float])]) throws -> HNSWIndex {
        var index = HNSWIndex(dimensions: items[0].vector.count, metric: .cosine, parameters: HNSWParameters())
        for item in items { try index.insert(item.vector, label: item.label) }
        return index
    }

    // MARK: Data

    /// Clustered random vectors like `HNSWIndexTests`' (centres in [-1, 1], noise 0.6 wide), with
    /// each vector's cluster drawn at random so that labels say nothing about clusters.
    private func clusteredVectors(_ n: Int, dimensions: Int, seed: UInt64) -> [[Float]] {
        var rng = SplitMix64(state: seed)
        func uniform() -> Float { Float(rng.next() >> 40) / Float(1 << 24) * 2 - 1 }
        let centres = (0..<20).map { _ in (0..<dimensions).map { _ in uniform() } }
        return (0..<n).map { _ in
            let centre = centres[Int(rng.next() % UInt64(centres.count))]
            return centre.map { $0 + 0.6 * uniform() }
        }
    }

    /// The real-text fixture: sentence embeddings stored as int8 with a scale per vector
    /// (format and provenance in bench/retrieval/make-text-vectors.py).
    private func loadTextVectors() throws -> [[Float]] {
        let url = RetrievalTestPaths.fixture("text-vectors-20k.i8")
        let bytes = try Data(contentsOf: url)
        return try bytes.withUnsafeBytes { raw -> [[Float]] in
            func word(_ offset: Int) -> Int { Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) }
            guard raw.count >= 16, raw.prefix(4).elementsEqual("SVQ8".utf8), word(4) == 1 else {
                XCTFail("\(url.path) is not an SVQ8 v1 file: rebuild it with bench/retrieval/make-text-vectors.py")
                throw XCTSkip("fixture unreadable")
            }
            let count = word(8), dimensions = word(12)
            let valuesStart = 16 + 4 * count
            guard raw.count == valuesStart + count * dimensions else {
                XCTFail("\(url.path): \(raw.count) bytes, expected \(valuesStart + count * dimensions) for \(count) x \(dimensions)")
                throw XCTSkip("fixture truncated")
            }
            return (0..<count).map { i in
                let scale = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 16 + 4 * i, as: UInt32.self)))
                let row = valuesStart + i * dimensions
                return (0..<dimensions).map { Float(Int8(bitPattern: raw[row + $0])) * scale }
            }
        }
    }
}
