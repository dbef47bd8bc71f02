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

    func testMissingAndBrokenModelFilesAreTypedErrors() throws {
        let dir = try RetrievalTestPaths.requireModel()
        let fm = FileManager.default
        let scratch = NSTemporaryDirectory() + "strata-embedder-\(UUID().uuidString)"
        try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: scratch) }
        for name in ["config.json", "tokenizer.json"] {
            try fm.copyItem(atPath: dir + "/" + name, toPath: scratch + "/" + name)
        }
        XCTAssertThrowsError(try SentenceEmbedder(modelDirectory: scratch)) {
            XCTAssertEqual($0 as? EmbedderError, .missingFile(path: scratch + "/model.safetensors"))
        }
        // A download cut short: the header promises more bytes than the file has.
        let weights = try FileHandle(forReadingFrom: URL(fileURLWithPath: dir + "/model.safetensors")).readData(ofLength: 1 << 16)
        try weights.write(to: URL(fileURLWithPath: scratch + "/model.safetensors"))
        XCTAssertThrowsError(try SentenceEmbedder(modelDirectory: scratch)) { error in
            guard case .weights(.tensorOutOfBounds) = error as? EmbedderError else { return XCTFail("\(error)") }
        }
        try Data("{\"hidden_size\": 384}".utf8).write(to: URL(fileURLWithPath: scratch + "/config.json"))
        XCTAssertThrowsError(try SentenceEmbedder(modelDirectory: scratch)) { error in
            guard case .invalidConfig = error as? EmbedderError else { return XCTFail("\(error)") }
        }
    }

    /// Work is split by output tiles and (sequence, head) pairs, never inside a sum, so the
    /// thread count cannot change a single bit of the result.
    func testThreadCountDoesNotChangeResults() throws {
        let dir = try RetrievalTestPaths.requireModel()
        let texts = ["One thread or three.", "A longer sentence about vector search, chunking and embeddings.", ""]
        let single: [[Float]] = try SentenceEmbedder(modelDirectory: dir, threads: 1).embed(texts)
        let several: [[Float]] = try SentenceEmbedder(modelDirectory: dir, threads: 3).embed(texts)
        XCTAssertEqual(single, several)
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
