import XCTest
@testable import StrataRetrieval

/// The pieces together: chunk a document, embed the chunks, index them, and find the right
/// one for a paraphrased question, with and without an access filter.
final class SemanticSearchTests: XCTestCase {
    func testParaphrasedQuestionFindsTheRightChunk() throws {
        let dir = try RetrievalTestPaths.requireModel()
        let embedder = try SentenceEmbedder(modelDirectory: dir)
        let document = """
        # Handbook

        ## Refunds
        Annual subscriptions can be refunded within thirty days of purchase.

        ## Passwords
        To reset your password, open the login page and choose "forgot password".

        ## Shipping
        Orders ship within two business days from our warehouse in Rotterdam.

        ## Cooking
        Preheat the oven to 180 degrees and bake the bread for twenty-five minutes.
        """
        let chunks = Chunker(embedder: embedder, maxTokens: 40, overlapTokens: 0).chunks(documentID: "handbook", text: document)
        XCTAssertEqual(chunks.count, 4)
        let vectors = try embedder.embed(chunks.map(\.text))
        var index = HNSWIndex(dimensions: embedder.dimensions, metric: .cosine)
        for (i, v) in vectors.enumerated() { try index.insert(v, label: i) }

        let query = try embedder.embed(["How do I change my password if I forgot it?"])[0]
        let best = try index.search(query, k: 2)
        XCTAssertEqual(chunks[best[0].label].headings.last, "Passwords")

        // The same question for a user who may only read the shipping and cooking chunks.
        let allowed = Set(chunks.indices.filter { ["Shipping", "Cooking"].contains(chunks[$0].headings.last) })
        let filtered = try index.search(query, k: 2) { allowed.contains($0) }
        XCTAssertEqual(filtered.count, 2)
        XCTAssertTrue(filtered.allSatisfy { allowed.contains($0.label) })
    }
}
