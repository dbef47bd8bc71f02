import XCTest
@testable import StrataRetrieval

final class SentenceEmbedderTests: XCTestCase {
    /// One batched pass over the whole fixture keeps this test cheap even in a debug build.
    func testEmbeddingsMatchSentenceTransformers() throws {
        let dir = try RetrievalTestPaths.requireModel()
        let embedder = try SentenceEmbedder(modelDirectory: dir, threads: 2)
        XCTAssertEqual(embedder.name, "all-minilm-l6-v2")
        XCTAssertEqual(embedder.dimensions, 384)
        XCTAssertEqual(embedder.maxTokens, 256)
        let fixture = try ReferenceFixture.load()
        let vectors = try embedder.embed(fixture.entries.map(\.text))
        XCTAssertEqual(vectors.count, fixture.entries.count)
        var worst: Float = 1
        for (entry, vector) in zip(fixture.entries, vectors) {
            XCTAssertEqual(vector.count, 384)
            var dot: Float = 0, na: Float = 0, nb: Float = 0
            for i in 0..<vector.count {
                dot += vector[i] * entry.vector[i]; na += vector[i] * vector[i]; nb += entry.vector[i] * entry.vector[i]
            }
            let cosine = dot / (na.squareRoot() * nb.squareRoot())
            worst = min(worst, cosine)
            XCTAssertGreaterThanOrEqual(cosine, 0.999, "text: \(entry.text.debugDescription)")
            XCTAssertEqual(na.squareRoot(), 1, accuracy: 1e-4)
        }
        print("worst cosine vs sentence-transformers: \(worst)")
    }

    func testMissingModelDirectoryIsATypedError() {
        XCTAssertThrowsError(try SentenceEmbedder(modelDirectory: "/nonexistent/model")) { error in
            XCTAssertEqual(error as? EmbedderError, .modelDirectoryNotFound(path: "/nonexistent/model"))
        }
    }
}

final class SentenceEmbedderAsyncTests: XCTestCase {
    func testAsyncEmbedMatchesSyncAndEmptyInputIsEmpty() async throws {
        let dir = try RetrievalTestPaths.requireModel()
        let embedder = try SentenceEmbedder(modelDirectory: dir, threads: 2)
        let texts = ["Strata embeds text.", "Deux phrases, pas une."]
        let viaAsync = try await embedder.embedOnDedicatedThread(texts)
        let viaSync: [[Float]] = try embedder.embed(texts)
        XCTAssertEqual(viaAsync, viaSync)
        let none: [[Float]] = try embedder.embed([])
        XCTAssertEqual(none, [])
        XCTAssertEqual(embedder.tokenCount("Hello, world!"), 4)
    }
}
