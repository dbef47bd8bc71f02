import Foundation
import XCTest
@testable import StrataKnowledge

final class PlainTextLoaderTests: XCTestCase {
    func testFixtureIsOneDocumentTitledByFirstLine() throws {
        let path = try KnowledgeFixtures.path("notes.txt")
        let documents = try DocumentLoader.load(path: path)
        XCTAssertEqual(documents, [LoadedDocument(
            id: path, source: path, title: "Release notes",
            text: "Release notes\n\nVersion 2 adds hybrid search.\nIt also fixes the tokenizer.\n", format: .text
        )])
    }

    func testTitleSkipsBlankLinesCollapsesSpacesAndIsClipped() throws {
        XCTAssertEqual(try loadText("\n   \n  Hello \t  world  \nrest", .text).first?.title, "Hello world")
        let long = String(repeating: "a", count: 300)
        XCTAssertEqual(try loadText(long, .text).first?.title, String(repeating: "a", count: 120))
    }

    func testBOMAndCRLFAreNormalized() throws {
        let data = Data([0xEF, 0xBB, 0xBF] + Array("one\r\ntwo\rthree".utf8))
        let documents = try DocumentLoader.load(data: data, format: .text, source: "mem/crlf.txt")
        XCTAssertEqual(documents.first?.text, "one\ntwo\nthree")
        XCTAssertEqual(documents.first?.title, "one")
    }

    func testBinaryDataIsRejected() throws {
        let path = try KnowledgeFixtures.path("binary.txt")
        let error = loaderError { try DocumentLoader.load(path: path) }
        XCTAssertEqual(error, LoaderError(source: path, message: "binary file: contains NUL bytes, expected UTF-8 text"))

        let invalid = loaderError { try DocumentLoader.load(data: Data([0x41, 0xFF, 0xFE, 0x42]), format: .text, source: "mem/x.txt") }
        XCTAssertEqual(invalid?.description, "mem/x.txt: binary file: not valid UTF-8 text")
    }

    func testWhitespaceOnlyFileHasNoText() {
        XCTAssertEqual(loaderError { try loadText(" \n\t\n", .text) }?.description, "mem/doc: no text found")
        XCTAssertEqual(loaderError { try loadText("", .text) }?.description, "mem/doc: no text found")
    }
}
