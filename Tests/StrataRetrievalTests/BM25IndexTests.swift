import XCTest
@testable import StrataRetrieval

final class BM25IndexTests: XCTestCase {
    private func corpus() -> BM25Index {
        var index = BM25Index()
        index.insert("The refund policy allows refunds within thirty days.", label: 1)
        index.insert("Reset your password from the login page.", label: 2)
        index.insert("Shipping takes two days. Shipping is free above fifty euros.", label: 3)
        index.insert("Le café est prêt; the CAFÉ opens at nine.", label: 4)
        index.insert("自然语言处理很有趣", label: 5)
        return index
    }

    func testRanksByTermsAndNormalisesText() {
        let index = corpus()
        XCTAssertEqual(index.search("refund policy", k: 3).first?.label, 1)
        XCTAssertEqual(index.search("how do I reset a PASSWORD?", k: 3).first?.label, 2)
        XCTAssertEqual(index.search("cafe", k: 3).map(\.label), [4], "accents and case are folded")
        XCTAssertEqual(index.search("语言", k: 3).map(\.label), [5], "CJK ideographs are terms")
        XCTAssertEqual(index.search("unrelated words", k: 3), [])
        let shipping = index.search("shipping days", k: 5)
        XCTAssertEqual(shipping.first?.label, 3, "two occurrences of shipping beat one of days")
        XCTAssertTrue(shipping.contains { $0.label == 1 })
        XCTAssertTrue(zip(shipping, shipping.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    func testFilterDeleteAndReplace() {
        var index = corpus()
        XCTAssertEqual(index.search("days", k: 5) { $0 != 3 }.map(\.label), [1])
        XCTAssertTrue(index.delete(1))
        XCTAssertFalse(index.delete(1))
        XCTAssertEqual(index.count, 4)
        XCTAssertEqual(index.search("refund", k: 5), [])
        index.insert("Refunds are handled by the billing team.", label: 2)
        XCTAssertEqual(index.search("password", k: 5), [], "the replaced text is gone")
        XCTAssertEqual(index.search("refunds", k: 5).map(\.label), [2])
    }

    func testCompactionKeepsResults() {
        var index = BM25Index()
        for i in 0..<3000 { index.insert("document number \(i) about topic\(i % 7)", label: i) }
        for i in 0..<2000 { index.delete(i) }
        XCTAssertEqual(index.count, 1000)
        let hits = index.search("topic3", k: 1000)
        XCTAssertEqual(Set(hits.map(\.label)), Set((2000..<3000).filter { $0 % 7 == 3 }))
    }

    func testHybridFusionOfKeywordAndVectorRankings() {
        let keyword = corpus().search("password reset", k: 3).map(\.label)
        let vector = [3, 2, 1] // as if from the HNSW index
        XCTAssertEqual(ReciprocalRankFusion().fuse([vector, keyword]).first?.id, 2)
    }
}
