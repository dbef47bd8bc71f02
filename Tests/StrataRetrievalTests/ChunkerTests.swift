import XCTest
@testable import StrataRetrieval

final class ChunkerTests: XCTestCase {
    private static let tokenizer: WordPieceTokenizer? = try? WordPieceTokenizer(path: RetrievalTestPaths.modelDirectory + "/tokenizer.json")

    private func chunker(max: Int, overlap: Int) throws -> Chunker {
        _ = try RetrievalTestPaths.requireModel()
        guard let tokenizer = Self.tokenizer else { throw XCTSkip("tokenizer unavailable") }
        return Chunker(maxTokens: max, overlapTokens: overlap) { tokenizer.tokenCount($0) }
    }

    private let document = """
    # Guide

    Strata is one server for the whole LLM stack. It routes requests, caches answers and keeps traces. \
    Retrieval works over your own documents with access control applied inside the search.

    ## Install

    Download the binary. Run it with a config file! Does it need a database? No: SQLite is embedded. \
    The first start fetches the bundled models, which takes a minute on a slow link.

    ```bash
    # not a heading: a shell comment
    strata serve --config strata.yaml
    ```

    - item one explains the first step in a few words
    - item two explains the second step in a few more words than the first

    ## Configure

    \(String(repeating: "Every setting lives in one YAML file and is reloaded when the file changes. ", count: 12))

    ### Deep section
    Short.
    """

    func testChunksFitTheBudgetCoverTheTextAndMapBack() throws {
        let chunker = try chunker(max: 40, overlap: 8)
        let chunks = chunker.chunks(documentID: "doc-1", text: document)
        XCTAssertGreaterThan(chunks.count, 4)
        let bytes = Array(document.utf8)
        var covered = [Bool](repeating: false, count: bytes.count)
        for (i, chunk) in chunks.enumerated() {
            XCTAssertEqual(chunk.ordinal, i)
            XCTAssertLessThanOrEqual(chunk.tokenCount, 40, chunk.text)
            XCTAssertEqual(chunk.tokenCount, Self.tokenizer?.tokenCount(chunk.text))
            XCTAssertEqual(String(decoding: bytes[chunk.span], as: UTF8.self), chunk.text)
            XCTAssertEqual(chunk.id, Chunk.id(documentID: "doc-1", span: chunk.span))
            for j in chunk.span { covered[j] = true }
        }
        for (j, b) in bytes.enumerated() where ![0x20, 0x0A, 0x09].contains(b) {
            XCTAssertTrue(covered[j], "byte \(j) not in any chunk")
        }
        // Ids are stable and unique.
        XCTAssertEqual(chunker.chunks(documentID: "doc-1", text: document).map(\.id), chunks.map(\.id))
        XCTAssertEqual(Set(chunks.map(\.id)).count, chunks.count)
        XCTAssertNotEqual(chunker.chunks(documentID: "doc-2", text: document).first?.id, chunks.first?.id)
        XCTAssertTrue(chunks.allSatisfy { $0.id.count == 16 && $0.id.allSatisfy(\.isHexDigit) })
    }

    func testSectionsCarryHeadingsAndChunksNeverCrossThem() throws {
        let chunks = try chunker(max: 40, overlap: 8).chunks(documentID: "d", text: document)
        XCTAssertEqual(chunks.first?.headings, ["Guide"])
        let install = chunks.filter { $0.headings == ["Guide", "Install"] }
        XCTAssertFalse(install.isEmpty)
        XCTAssertTrue(install.contains { $0.text.contains("# not a heading") }, "fenced code must stay in its section")
        XCTAssertTrue(chunks.contains { $0.headings == ["Guide", "Configure", "Deep section"] && $0.text.contains("Short.") })
        for chunk in chunks {
            let headingLines = chunk.text.split(separator: "\n").filter { $0.hasPrefix("#") && !$0.hasPrefix("# not") }
            XCTAssertLessThanOrEqual(headingLines.count, 1, chunk.text)
            if let line = headingLines.first { XCTAssertTrue(chunk.text.hasPrefix(line), "a heading only opens a chunk") }
        }
    }

    func testLongSectionsOverlap() throws {
        // Each repeated sentence is about 17 tokens: 60 holds three, 20 of overlap carries one.
        let chunks = try chunker(max: 60, overlap: 20).chunks(documentID: "d", text: document)
        let configure = chunks.filter { $0.headings == ["Guide", "Configure"] }
        XCTAssertGreaterThan(configure.count, 2)
        for (a, b) in zip(configure, configure.dropFirst()) {
            XCTAssertLessThan(b.span.lowerBound, a.span.upperBound, "consecutive chunks share a sentence")
        }
    }

    func testTextWithoutBreaksIsCutToTheBudget() throws {
        let cjk = String(repeating: "自然语言处理很有趣", count: 30)
        let chunks = try chunker(max: 50, overlap: 0).chunks(documentID: "zh", text: cjk)
        XCTAssertGreaterThan(chunks.count, 4)
        XCTAssertTrue(chunks.allSatisfy { $0.tokenCount <= 50 && $0.tokenCount > 0 })
        XCTAssertEqual(chunks.map(\.text).joined(), cjk)
        XCTAssertEqual(try chunker(max: 50, overlap: 0).chunks(documentID: "e", text: "  \n\n "), [])
    }
}
