import Foundation
import XCTest
@testable import StrataRetrieval

final class WordPieceTokenizerTests: XCTestCase {
    func testTokenIDsMatchHuggingFace() throws {
        let dir = try RetrievalTestPaths.requireModel()
        let tokenizer = try WordPieceTokenizer(path: dir + "/tokenizer.json")
        let fixture = try ReferenceFixture.load()
        XCTAssertGreaterThanOrEqual(fixture.entries.count, 100)
        for entry in fixture.entries {
            let ids = tokenizer.encode(entry.text, maxLength: fixture.meta.maxSeqLength)
            XCTAssertEqual(ids, entry.ids, "text: \(entry.text.debugDescription)")
        }
    }

    /// Seeded random texts across scripts, controls, marks and special tokens
    /// (scripts/retrieval/make_tokenizer_fixture.py), ids from HuggingFace's tokenizer.
    func testFuzzedTextsMatchHuggingFace() throws {
        struct Fixture: Decodable {
            struct Entry: Decodable { let text: String; let ids: [Int32] }
            let maxLength: Int
            let entries: [Entry]
        }
        let dir = try RetrievalTestPaths.requireModel()
        let tokenizer = try WordPieceTokenizer(path: dir + "/tokenizer.json")
        let data = try Data(contentsOf: RetrievalTestPaths.fixture("wordpiece-fuzz.json"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: data)
        var mismatches = 0
        for entry in fixture.entries {
            let ids = tokenizer.encode(entry.text, maxLength: fixture.maxLength)
            if ids != entry.ids {
                mismatches += 1
                XCTFail("text \(entry.text.unicodeScalars.map { String($0.value, radix: 16) }): \(ids) != \(entry.ids)")
                if mismatches > 5 { break }
            }
        }
    }

    func testCountsAndSpecialTokens() throws {
        let dir = try RetrievalTestPaths.requireModel()
        let tokenizer = try WordPieceTokenizer(path: dir + "/tokenizer.json")
        XCTAssertEqual(tokenizer.clsID, 101)
        XCTAssertEqual(tokenizer.sepID, 102)
        XCTAssertEqual(tokenizer.vocabularySize, 30522)
        XCTAssertEqual(tokenizer.encode(""), [101, 102])
        XCTAssertEqual(tokenizer.tokenCount("Hello, world!"), 4)
        XCTAssertEqual(tokenizer.encode(String(repeating: "word ", count: 100), maxLength: 10).count, 10)
    }

    func testMissingAndBrokenFilesAreTypedErrors() throws {
        XCTAssertThrowsError(try WordPieceTokenizer(path: "/nonexistent/tokenizer.json")) { error in
            XCTAssertEqual(error as? TokenizerError, .fileNotFound(path: "/nonexistent/tokenizer.json"))
        }
        let path = NSTemporaryDirectory() + "strata-broken-tokenizer-\(UUID().uuidString).json"
        try Data("{\"model\": {\"type\": \"BPE\"}}".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertThrowsError(try WordPieceTokenizer(path: path)) { error in
            XCTAssertEqual(error as? TokenizerError, .unsupportedModel(path: path, type: "BPE"))
        }
    }
}
