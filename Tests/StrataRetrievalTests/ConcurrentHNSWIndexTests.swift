import Foundation
import XCTest
@testable import StrataRetrieval

final class ConcurrentHNSWIndexTests: XCTestCase {
    func testParallelSearchesDuringInserts() throws {
        let dim = 16
        var rng = SplitMix64(state: 42)
        func vector() -> [Float] { (0..<dim).map { _ in Float(rng.next() >> 40) / Float(1 << 24) - 0.5 } }
        let vectors = (0..<2000).map { _ in vector() }
        let shared = ConcurrentHNSWIndex(dimensions: dim, metric: .l2,
                                         parameters: HNSWParameters(m: 8, efConstruction: 64))
        for i in 0..<1000 { try shared.insert(vectors[i], label: i) }
        let queries = Array(vectors.prefix(50))
        // One writer adds the second half while readers search; every search sees a
        // consistent index, so each query vector finds itself.
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            if worker == 0 {
                for i in 1000..<2000 { try? shared.insert(vectors[i], label: i) }
            } else {
                for _ in 0..<5 {
                    for (i, q) in queries.enumerated() {
                        XCTAssertEqual(try? shared.search(q, k: 1).first?.label, i)
                    }
                }
            }
        }
        XCTAssertEqual(shared.count, 2000)
        XCTAssertTrue(shared.delete(5))
        XCTAssertFalse(shared.contains(5))
        shared.compact()
        XCTAssertEqual(shared.snapshot.slotCount, 1999)
        XCTAssertEqual(try shared.search(vectors[1500], k: 1).first?.label, 1500)
    }
}
