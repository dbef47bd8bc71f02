import XCTest
import StrataCore
@testable import StrataKnowledge

final class MarkdownLoaderTests: XCTestCase {
    func testFixtureFrontMatterBecomesMetadataAndTitle() throws {
        let path = try KnowledgeFixtures.path("guide.md")
        let documents = try DocumentLoader.load(path: path)
        XCTAssertEqual(documents, [LoadedDocument(
            id: path, source: path, title: "Ingestion Guide",
            text: """
            Intro paragraph before the heading.

            ```bash
            # not a heading
            ls
            ```

            # Loading Documents

            ## Formats

            Markdown keeps its **structure**.

            """,
            metadata: ["title": "Ingestion Guide", "author": "Ada Lovelace", "version": 3, "draft": false],
            format: .markdown
        )])
    }

    func testTitleIsFirstH1OutsideCodeFences() throws {
        let markdown = "Intro\n\n~~~\n# comment\n~~~\n\n## Sub first\n\n#NotAHeading\n\n  # Real Title ##\n"
        let document = try XCTUnwrap(loadText(markdown, .markdown).first)
        XCTAssertEqual(document.title, "Real Title")
        XCTAssertEqual(document.text, markdown)
        XCTAssertEqual(document.metadata, [:])
    }

    func testTitleFallsBackToFirstLine() throws {
        XCTAssertEqual(try loadText("\nJust some notes\n## Later\n", .markdown).first?.title, "Just some notes")
        XCTAssertEqual(MarkdownLoader.firstHeading(in: "# C#\n"), "C#")
        XCTAssertEqual(MarkdownLoader.firstHeading(in: "#\n# \n#\tTabbed #\n"), "Tabbed")
    }

    func testFrontMatterValueTypes() throws {
        let text = """
        ---
        count: 42
        ratio: 0.5
        zip: "02134"
        code: 007
        published: true
        quoted: 'single'
        note: hello # trailing comment
        list: [a, b]
        empty:
        nothing: null
        url: https://example.com/a:b
        a:b
          indented: no
        ---
        Body
        """
        let frontMatter = try XCTUnwrap(FrontMatter(splitting: text))
        XCTAssertEqual(frontMatter.body, "Body")
        XCTAssertEqual(frontMatter.fields, [
            "count": 42, "ratio": 0.5, "zip": "02134", "code": "007", "published": true,
            "quoted": "single", "note": "hello", "url": "https://example.com/a:b",
        ])
        let document = try XCTUnwrap(loadText(text, .markdown).first)
        XCTAssertEqual(document.title, "Body")
        XCTAssertEqual(try loadText("---\ntitle: 1984\n---\n# Heading\n", .markdown).first?.title, "1984")
    }

    func testUnclosedOrLateFrontMatterIsKeptAsText() throws {
        XCTAssertNil(FrontMatter(splitting: "---\ntitle: x\nno end"))
        XCTAssertNil(FrontMatter(splitting: "\n---\ntitle: x\n---\n"))
        let document = try XCTUnwrap(loadText("---\ntitle: x\nno end", .markdown).first)
        XCTAssertEqual(document.text, "---\ntitle: x\nno end")
        XCTAssertEqual(document.metadata, [:])
        XCTAssertEqual(FrontMatter(splitting: "---\nk: v\n...\n\n\nText")?.body, "Text")
    }

    func testOnlyFrontMatterIsNoText() {
        XCTAssertEqual(loaderError { try loadText("---\ntitle: Empty\n---\n\n", .markdown) }?.message, "no text found")
    }
}
