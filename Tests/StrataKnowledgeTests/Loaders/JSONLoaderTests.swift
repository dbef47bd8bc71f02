import XCTest
import StrataCore
@testable import StrataKnowledge

final class JSONLoaderTests: XCTestCase {
    func testFixtureArrayGivesOneDocumentPerItem() throws {
        let path = try KnowledgeFixtures.path("articles.json")
        let documents = try DocumentLoader.load(path: path)
        XCTAssertEqual(documents, [
            LoadedDocument(
                id: "a-1", source: path, title: "First article", text: "Retrieval augmented generation.",
                metadata: ["id": "a-1", "title": "First article", "year": 2024, "published": true], format: .json
            ),
            LoadedDocument(
                id: "\(path)#item-2", source: path, title: "Second article", text: "Second body.",
                metadata: ["title": "Second article", "rating": 4.5], format: .json
            ),
            LoadedDocument(
                id: "\(path)#item-3", source: path, title: nil,
                text: "name: Widget\nprice: 9.99\ndimensions.width: 3\ndimensions.height: 4\ntags: tools, metal",
                metadata: ["name": "Widget", "price": 9.99, "notes": .null], format: .json
            ),
        ])
    }

    func testTopLevelObjectIsOneDocumentNamedBySource() throws {
        let json = #"{"body": "Body text", "content": 5, "author": {"name": "Ada"}, "id": ""}"#
        XCTAssertEqual(try loadText(json, .json, source: "mem/one.json"), [LoadedDocument(
            id: "mem/one.json", source: "mem/one.json", title: nil, text: "Body text",
            metadata: ["content": 5, "id": ""], format: .json
        )])
    }

    func testTextFieldPriorityAndNumericID() throws {
        let json = #"{"content": "from content", "text": "from text", "id": 42, "title": 7}"#
        let document = try XCTUnwrap(loadText(json, .json).first)
        XCTAssertEqual(document.text, "from text")
        XCTAssertEqual(document.id, "42")
        XCTAssertEqual(document.title, "7")
        XCTAssertEqual(document.metadata, ["content": "from content", "id": 42, "title": 7])
    }

    func testFlatteningKeepsOrderAndNumbersAsWritten() throws {
        let json = #"{"z": 1.50, "a": {"b": {"c": true}}, "items": [{"n": "x"}, [1, 2]], "empty": "", "none": {}}"#
        let document = try XCTUnwrap(loadText(json, .json).first)
        XCTAssertEqual(document.text, "z: 1.50\na.b.c: true\nitems.0.n: x\nitems.1: 1, 2")
        XCTAssertEqual(document.metadata, ["z": 1.5, "empty": ""])
    }

    func testEmptyItemsAreSkipped() throws {
        let documents = try loadText(#"[{"text": "  "}, {"text": "kept"}, {}]"#, .json, source: "mem/a.json")
        XCTAssertEqual(documents.map(\.id), ["mem/a.json#item-2"])
        XCTAssertEqual(loaderError { try loadText("[]", .json, source: "mem/a.json") }?.description, "mem/a.json: no text found")
    }

    func testMalformedJSONNamesTheLine() throws {
        let path = try KnowledgeFixtures.path("broken.json")
        let error = loaderError { try DocumentLoader.load(path: path) }
        XCTAssertEqual(error, LoaderError(
            source: path, line: 4, message: "invalid JSON: expected ',' or ']' after an array element, found '}' (column 1)"
        ))
        XCTAssertEqual(
            loaderError { try loadText("{\"a\": 1,}", .json, source: "x.json") }?.description,
            "x.json:1: invalid JSON: expected a string key, found '}' (column 9)"
        )
    }

    func testWrongShapes() {
        XCTAssertEqual(
            loaderError { try loadText("\"just a string\"", .json, source: "x.json") }?.description,
            "x.json: expected an object or an array of objects, found a string"
        )
        XCTAssertEqual(
            loaderError { try loadText(#"[{"text": "a"}, 3]"#, .json, source: "x.json") }?.description,
            "x.json: item 2 is a number, expected an object"
        )
    }
}
