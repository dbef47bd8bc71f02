import Foundation
import XCTest
@testable import StrataKnowledge

final class PDFLoaderTests: XCTestCase {
    private static let expectedText = "Strata Knowledge Sample\nThe first page talks about retrieval.\n\nSecond page: chunking and embeddings."

    private func requirePdftotext() throws {
        if ExecutableLookup.find("pdftotext", environment: ProcessInfo.processInfo.environment) == nil {
            throw XCTSkip("pdftotext (poppler-utils) is not installed; scripts/bootstrap.sh installs it")
        }
    }

    func testFixtureTextTitleAndPageCount() throws {
        try requirePdftotext()
        let path = try KnowledgeFixtures.path("sample.pdf")
        XCTAssertEqual(try DocumentLoader.load(path: path), [LoadedDocument(
            id: path, source: path, title: "Strata Knowledge Sample", text: Self.expectedText,
            metadata: ["pages": 2], format: .pdf
        )])
    }

    func testLoadFromDataUsesATemporaryFile() throws {
        try requirePdftotext()
        let data = try Data(contentsOf: URL(fileURLWithPath: KnowledgeFixtures.path("sample.pdf")))
        let document = try XCTUnwrap(DocumentLoader.load(data: data, format: .pdf, source: "upload://sample.pdf").first)
        XCTAssertEqual(document.id, "upload://sample.pdf")
        XCTAssertEqual(document.text, Self.expectedText)
        XCTAssertEqual(document.metadata, ["pages": 2])
    }

    func testNotAPDFReportsPdftotextsError() throws {
        try requirePdftotext()
        let path = try KnowledgeFixtures.path("notpdf.pdf")
        let error = try XCTUnwrap(loaderError { try DocumentLoader.load(path: path) })
        XCTAssertEqual(error.source, path)
        XCTAssertNil(error.line)
        XCTAssertTrue(error.message.hasPrefix("pdftotext failed (exit 1): "), error.message)
    }

    func testMissingPdftotextSaysHowToInstallIt() throws {
        let path = try KnowledgeFixtures.path("sample.pdf")
        let environment = ["PATH": "/nonexistent/bin"]
        XCTAssertEqual(
            loaderError { try DocumentLoader.load(path: path, environment: environment) },
            LoaderError(source: path, message: "PDF needs pdftotext from poppler-utils (apt-get install poppler-utils)")
        )
        XCTAssertEqual(
            loaderError { try DocumentLoader.load(data: Data("%PDF".utf8), format: .pdf, source: "u.pdf", environment: [:]) }?.description,
            "u.pdf: PDF needs pdftotext from poppler-utils (apt-get install poppler-utils)"
        )
    }

    // MARK: - A fake pdftotext on a private PATH

    private func fakeTool(_ script: String) throws -> [String: String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("strata-fake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let tool = directory.appendingPathComponent("pdftotext")
        try Data("#!/bin/sh\n\(script)\n".utf8).write(to: tool)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
        return ["PATH": "\(directory.path):/usr/bin:/bin"]
    }

    func testArgumentsAndTemporaryFileRemoval() throws {
        let environment = try fakeTool(#"printf '%s|%s|%s|%s\n\f' "$1" "$2" "$3" "$5"; printf '%s' "$4""#)
        let document = try XCTUnwrap(DocumentLoader.load(data: Data("%PDF".utf8), format: .pdf, source: "u.pdf", environment: environment).first)
        XCTAssertEqual(document.title, "-layout|-enc|UTF-8|-")
        XCTAssertEqual(document.metadata, ["pages": 2])
        let temporaryPath = try XCTUnwrap(document.text.split(separator: "\n").last.map(String.init))
        XCTAssertTrue(temporaryPath.hasSuffix(".pdf"), temporaryPath)
        XCTAssertFalse(FileManager.default.fileExists(atPath: temporaryPath), "temporary file left behind")
    }

    func testFailureExitStatusAndStandardError() throws {
        let environment = try fakeTool("echo 'Syntax Error: broken xref' >&2; echo '  second line' >&2; exit 3")
        XCTAssertEqual(
            loaderError { try PDFLoader(environment: environment).load(data: Data("%PDF".utf8), source: "u.pdf") }?.message,
            "pdftotext failed (exit 3): Syntax Error: broken xref; second line"
        )
    }

    func testSlowToolIsKilledAfterTheTimeout() throws {
        let environment = try fakeTool("exec sleep 20")
        let started = ContinuousClock.now
        let loader = PDFLoader(environment: environment, timeout: .milliseconds(300))
        XCTAssertEqual(
            loaderError { try loader.load(data: Data("%PDF".utf8), source: "u.pdf") },
            LoaderError(source: "u.pdf", message: "pdftotext did not finish within 0.3 s")
        )
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(5))
    }

    func testOutputWithoutTextIsNoText() throws {
        let environment = try fakeTool(#"printf '   \f\f'"#)
        XCTAssertEqual(
            loaderError { try DocumentLoader.load(data: Data("%PDF".utf8), format: .pdf, source: "scan.pdf", environment: environment) }?.description,
            "scan.pdf: no text found"
        )
    }

    func testPageSplitting() {
        let document = PDFLoader.document(fromPdftotext: "  Title   here  \n\nbody  \n\u{0C}\u{0C}page three\n\u{0C}", source: "s.pdf")
        XCTAssertEqual(document.text, "  Title   here\n\nbody\n\npage three")
        XCTAssertEqual(document.title, "Title here")
        XCTAssertEqual(document.metadata, ["pages": 3])
    }
}
