import Foundation
import XCTest
@testable import StrataKnowledge

final class DocumentLoaderTests: XCTestCase {
    func testUnknownExtensionListsSupportedOnes() throws {
        let path = try KnowledgeFixtures.path("report.docx")
        XCTAssertEqual(loaderError { try DocumentLoader.load(path: path) }, LoaderError(
            source: path,
            message: "unsupported file type \".docx\"; supported: .txt, .text, .log, .md, .markdown, .html, .htm, .json, .jsonl, .ndjson, .csv, .pdf"
        ))
        XCTAssertEqual(
            loaderError { try DocumentLoader.load(path: "docs/Makefile") }?.message,
            "file has no extension; supported: .txt, .text, .log, .md, .markdown, .html, .htm, .json, .jsonl, .ndjson, .csv, .pdf"
        )
    }

    func testMissingFileAndDirectory() throws {
        XCTAssertEqual(
            loaderError { try DocumentLoader.load(path: "/nonexistent/notes.txt") }?.description,
            "/nonexistent/notes.txt: file not found"
        )
        XCTAssertEqual(
            loaderError { try DocumentLoader.load(path: "/nonexistent/scan.pdf", environment: [:]) }?.description,
            "/nonexistent/scan.pdf: file not found"
        )
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("strata-\(UUID().uuidString).md")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        XCTAssertEqual(loaderError { try DocumentLoader.load(path: directory.path) }?.message, "is a directory, not a file")
    }

    func testEmptyFileIsNoText() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("strata-\(UUID().uuidString).csv")
        try Data().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        XCTAssertEqual(loaderError { try DocumentLoader.load(path: file.path) }, LoaderError(source: file.path, message: "no text found"))
    }

    func testEveryFormatRejectsBinaryData() {
        let binary = Data([0x25, 0x00, 0x41])
        for format in DocumentFormat.allCases where format != .pdf {
            XCTAssertEqual(
                loaderError { try DocumentLoader.load(data: binary, format: format, source: "b") }?.message,
                "binary file: contains NUL bytes, expected UTF-8 text", format.rawValue
            )
        }
    }

    func testErrorDescription() {
        XCTAssertEqual(LoaderError(source: "data/x.csv", line: 12, message: "row has 4 fields, the header has 3").description,
                       "data/x.csv:12: row has 4 fields, the header has 3")
        XCTAssertEqual(LoaderError(source: "a.pdf", message: "no text found").description, "a.pdf: no text found")
    }
}
