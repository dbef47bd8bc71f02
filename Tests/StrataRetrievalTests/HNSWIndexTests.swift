import Foundation
import XCTest
@testable import StrataRetrieval

final class HNSWIndexTests: XCTestCase {
    /// Clustered random vectors (harder than uniform noise, closer to real embeddings).
    private func randomVectors(_ n: Int, dimensions: Int, seed: UInt64) -> [[Float]] {
        var rng = SplitMix64(state: seed)
        func uniform() -> Float { Float(rng.next() >> 40) / Float(1 << 24) * 2 - 1 }
        let centres = (0..<20).map { _ in (0..<dimensions).map { _ in uniform() } }
        return (0..<n).map { i in centres[i % centres.count].map { $0 + 0.6 * uniform() } }
    }

    private func recall(_ index: HNSWIndex, queries: [[Float]], k: Int, ef: Int,
                        filter: ((Int) -> Bool)? = nil) throws -> Double {
        var hits = 0, total = 0
        for q in queries {
            let truth = Set(try index.exactSearch(q, k: k, filter: filter).map(\.label))
            let found = try index.search(q, k: k, efSearch: ef, filter: filter)
            XCTAssertEqual(found.count, truth.count)
            if let filter { XCTAssertTrue(found.allSatisfy { filter($0.label) }) }
            hits += found.filter { truth.contains($0.label) }.count
            total += truth.count
        }
        return Double(hits) / Double(max(total, 1))
    }

    private func build(_ vectors: [[Float]], metric: VectorMetric, m: Int = 12, efConstruction: Int = 100) throws -> HNSWIndex {
        var index = HNSWIndex(dimensions: vectors[0].count, metric: metric,
                              parameters: HNSWParameters(m: m, efConstruction: efConstruction, efSearch: 64))
        for (i, v) in vectors.enumerated() { try index.insert(v, label: 1000 + i) }
        return index
    }

    private func normalized(_ vectors: [[Float]]) -> [[Float]] {
        vectors.map { v in
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return v.map { $0 / norm }
        }
    }

    func testRecallAt10ForEachMetric() throws {
        let raw = randomVectors(3000, dimensions: 32, seed: 1)
        let rawQueries = randomVectors(100, dimensions: 32, seed: 2)
        for metric in VectorMetric.allCases {
            // Inner-product search is exercised on unit vectors, as embeddings are: on raw
            // vectors of mixed norms the ranking is not a metric and HNSW recall drops.
            let data = metric == .dot ? normalized(raw) : raw
            let queries = metric == .dot ? normalized(rawQueries) : rawQueries
            let index = try build(data, metric: metric, m: 16, efConstruction: 200)
            XCTAssertEqual(index.count, 3000)
            let r = try recall(index, queries: queries, k: 10, ef: 64)
            print("recall@10 \(metric): \(r)")
            XCTAssertGreaterThanOrEqual(r, 0.95, "metric \(metric)")
        }
    }

    func testDeletesAreNeverReturnedAndRecallHolds() throws {
        let data = randomVectors(3000, dimensions: 32, seed: 3)
        var index = try build(data, metric: .cosine)
        for i in stride(from: 0, to: 3000, by: 3) { XCTAssertTrue(index.delete(1000 + i)) }
        XCTAssertFalse(index.delete(1000))
        XCTAssertEqual(index.count, 2000)
        let queries = randomVectors(100, dimensions: 32, seed: 4)
        for q in queries.prefix(20) {
            XCTAssertTrue(try index.search(q, k: 10).allSatisfy { ($0.label - 1000) % 3 != 0 })
        }
        let r = try recall(index, queries: queries, k: 10, ef: 64)
        print("recall@10 after deleting a third: \(r)")
        XCTAssertGreaterThanOrEqual(r, 0.95)

        // Re-inserting a deleted label and replacing a live one both work online.
        try index.insert(data[0], label: 1000)
        try index.insert(data[1], label: 1001)
        XCTAssertEqual(index.count, 2001)
        XCTAssertEqual(try index.search(data[0], k: 1).first?.label, 1000)

        let compacted = index.compacted()
        XCTAssertEqual(compacted.count, 2001)
        XCTAssertEqual(compacted.slotCount, 2001)
        XCTAssertGreaterThanOrEqual(try recall(compacted, queries: queries, k: 10, ef: 64), 0.95)
    }

    func testFilteredSearchKeepsRecallAndReturnsK() throws {
        let data = randomVectors(3000, dimensions: 32, seed: 5)
        let index = try build(data, metric: .l2)
        let queries = randomVectors(50, dimensions: 32, seed: 6)
        // Half the labels: walked in the graph.
        let half = try recall(index, queries: queries, k: 10, ef: 64) { $0 % 2 == 0 }
        // One in ten: still above the exact threshold with 3000 vectors? No: 300 < 2048, exact.
        let tenth = try recall(index, queries: queries, k: 10, ef: 64) { $0 % 10 == 0 }
        print("filtered recall@10: half \(half), tenth \(tenth)")
        XCTAssertGreaterThanOrEqual(half, 0.95)
        XCTAssertEqual(tenth, 1.0)

        // With the exact fallback switched off the graph walk alone must still find k.
        var walkOnly = index
        walkOnly.exactSearchThreshold = 0
        let tenthWalk = try recall(walkOnly, queries: queries, k: 10, ef: 64) { $0 % 10 == 0 }
        print("filtered recall@10, 10% selectivity, graph walk only: \(tenthWalk)")
        XCTAssertGreaterThanOrEqual(tenthWalk, 0.95)

        // Fewer matches than k: all of them come back.
        let few = try index.search(queries[0], k: 10) { $0 == 1005 || $0 == 2500 }
        XCTAssertEqual(Set(few.map(\.label)), [1005, 2500])
        XCTAssertEqual(try index.search(queries[0], k: 10) { _ in false }, [])
    }

    func testSnapshotRoundTripAndCorruptionIsDetected() throws {
        let data = randomVectors(500, dimensions: 16, seed: 7)
        var index = try build(data, metric: .cosine, m: 8, efConstruction: 50)
        index.delete(1003)
        let path = NSTemporaryDirectory() + "strata-hnsw-\(UUID().uuidString).snapshot"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try index.save(to: path)
        try index.save(to: path) // overwriting an existing snapshot works too
        var loaded = try HNSWIndex(contentsOf: path)
        XCTAssertEqual(loaded.count, index.count)
        XCTAssertEqual(loaded.metric, .cosine)
        XCTAssertEqual(loaded.parameters, index.parameters)
        XCTAssertFalse(loaded.contains(1003))
        for q in data.prefix(20) {
            XCTAssertEqual(try loaded.search(q, k: 5), try index.search(q, k: 5))
        }
        // The loaded index keeps taking inserts exactly like the original.
        try index.insert(data[3], label: 9999)
        try loaded.insert(data[3], label: 9999)
        XCTAssertEqual(try loaded.search(data[3], k: 3), try index.search(data[3], k: 3))

        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try HNSWIndex(contentsOf: path)) {
            guard case .snapshotCorrupt = $0 as? HNSWError else { return XCTFail("\($0)") }
        }
        try bytes.prefix(100).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try HNSWIndex(contentsOf: path)) {
            guard case .snapshotCorrupt = $0 as? HNSWError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try HNSWIndex(contentsOf: path + ".missing")) {
            guard case .snapshotUnreadable = $0 as? HNSWError else { return XCTFail("\($0)") }
        }
    }

    func testInvalidVectorsAreRejected() throws {
        var index = HNSWIndex(dimensions: 4)
        XCTAssertThrowsError(try index.insert([1, 2, 3], label: 1)) {
            XCTAssertEqual($0 as? HNSWError, .dimensionMismatch(expected: 4, actual: 3))
        }
        XCTAssertThrowsError(try index.insert([1, .nan, 3, 4], label: 1)) {
            XCTAssertEqual($0 as? HNSWError, .nonFiniteVector(label: 1))
        }
        XCTAssertEqual(try index.search([1, 0, 0, 0], k: 3), [])
        try index.insert([1, 0, 0, 0], label: 7)
        XCTAssertEqual(try index.search([2, 0, 0, 0], k: 3).map(\.label), [7])
    }
}
