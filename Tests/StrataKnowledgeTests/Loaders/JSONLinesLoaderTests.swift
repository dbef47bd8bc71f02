import XCTest
import StrataCore
@testable import StrataKnowledge

final class JSONLinesLoaderTests: XCTestCase {
    func testFixtureOneDocumentPerLine() throws {
        let path = try KnowledgeFixtures.path("records.jsonl")
        let documents = try DocumentLoader.load(path: path)
        XCTAssertEqual(documents, [
            LoadedDocument(id: "17", source: path, title: nil, text: "First record.", metadata: ["id": 17], format: .jsonl),
            LoadedDocument(
                id: "\(path)#line-3", source: path, title: "No id", text: "Third line record.",
                metadata: ["title": "No id", "lang": "en"], format: .jsonl
            ),
        ])
    }

    func testBadLineFailsTheFileAndNamesTheLine() {
        let jsonl = "{\"text\": \"ok\"}\r\n{\"b\": }\n"
        XCTAssertEqual(
            loaderError { try loadText(jsonl, .jsonl, source: "mem/x.jsonl") }?.description,
            "mem/x.jsonl:2: invalid JSON: expected a value, found '}' (column 7)"
        )
        XCTAssertEqual(
            loaderError { try loadText("\n\n[1, 2]\n", .jsonl, source: "mem/x.jsonl") }?.description,
            "mem/x.jsonl:3: expected an object, found an array"
        )
    }

    func testBlankAndEmptyRecordsAreSkipped() throws {
        let documents = try loadText("{\"text\": \"\"}\n   \n{\"text\": \"b\"}", .jsonl, source: "s")
        XCTAssertEqual(documents.map(\.id), ["s#line-3"])
    }
}
