import XCTest
@testable import StrataKnowledge

final class DocumentFormatTests: XCTestCase {
    func testPathExtensions() {
        let expected: [String: DocumentFormat] = [
            "txt": .text, "text": .text, "log": .text, "md": .markdown, "markdown": .markdown,
            "html": .html, "htm": .html, "json": .json, "jsonl": .jsonl, "ndjson": .jsonl,
            "csv": .csv, "pdf": .pdf, "PDF": .pdf, ".Md": .markdown,
        ]
        for (pathExtension, format) in expected {
            XCTAssertEqual(DocumentFormat(pathExtension: pathExtension), format, pathExtension)
        }
        XCTAssertNil(DocumentFormat(pathExtension: "docx"))
        XCTAssertNil(DocumentFormat(pathExtension: ""))
        XCTAssertEqual(Set(DocumentFormat.pathExtensions.compactMap { DocumentFormat(pathExtension: $0) }), Set(DocumentFormat.allCases))
    }

    func testContentTypes() {
        XCTAssertEqual(DocumentFormat(contentType: "text/plain"), .text)
        XCTAssertEqual(DocumentFormat(contentType: "text/markdown; charset=UTF-8"), .markdown)
        XCTAssertEqual(DocumentFormat(contentType: "Text/HTML;charset=utf-8"), .html)
        XCTAssertEqual(DocumentFormat(contentType: "application/json"), .json)
        XCTAssertEqual(DocumentFormat(contentType: "application/x-ndjson"), .jsonl)
        XCTAssertEqual(DocumentFormat(contentType: " text/csv ; header=present"), .csv)
        XCTAssertEqual(DocumentFormat(contentType: "application/pdf"), .pdf)
        XCTAssertNil(DocumentFormat(contentType: "application/octet-stream"))
        XCTAssertNil(DocumentFormat(contentType: ""))
    }
}
