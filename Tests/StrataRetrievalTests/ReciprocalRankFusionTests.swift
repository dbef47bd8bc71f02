import XCTest
@testable import StrataRetrieval

final class ReciprocalRankFusionTests: XCTestCase {
    func testItemsRankedWellInBothListsWin() {
        let fusion = ReciprocalRankFusion(k: 60)
        let vector = ["a", "b", "c", "d"]
        let keyword = ["c", "a", "e"]
        let fused = fusion.fuse([vector, keyword])
        XCTAssertEqual(fused.map(\.id), ["a", "c", "b", "e", "d"])
        XCTAssertEqual(fused[0].score, 1 / 61 + 1 / 62, accuracy: 1e-12)
        XCTAssertEqual(fusion.fuse([vector, keyword], limit: 2).map(\.id), ["a", "c"])
    }

    func testWeightsDuplicatesAndTies() {
        let fusion = ReciprocalRankFusion()
        // Keyword list weighted 3x: its top item wins.
        XCTAssertEqual(fusion.fuse([[1, 2], [2, 1]], weights: [1, 3]).first?.id, 2)
        // A repeated id counts once per list, at its best rank.
        XCTAssertEqual(fusion.fuse([[7, 7, 8]]).map(\.id), [7, 8])
        // Exact tie: same best rank, so the earlier list's item comes first.
        XCTAssertEqual(fusion.fuse([[1], [2]]).map(\.id), [1, 2])
        XCTAssertEqual(fusion.fuse([[Int]]()), [])
    }
}
