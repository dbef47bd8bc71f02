import XCTest
import StrataCore
@testable import StrataKnowledge

final class HTMLLoaderTests: XCTestCase {
    func testFixturePage() throws {
        let path = try KnowledgeFixtures.path("page.html")
        let documents = try DocumentLoader.load(path: path)
        XCTAssertEqual(documents, [LoadedDocument(
            id: path, source: path, title: "Strata & RAG",
            text: """
            # Loading HTML

            Entities: <tag> "quoted" café é é it's here.

            Inline bold and italic text.

            - First item
            - Second item

            ## Code

            let x = 1
              indented()

            Name | Value
            a | 1
            """,
            metadata: ["description": "How Strata loads pages"],
            format: .html
        )])
    }

    func testUnclosedTagsAndStrayLessThanKeepTheText() throws {
        let path = try KnowledgeFixtures.path("unclosed.html")
        let document = try XCTUnwrap(DocumentLoader.load(path: path).first)
        XCTAssertEqual(document.text, "First bold text\nsecond block\n\na < b and 3<4 & c\n\ntail text\n\nlast paragraph<br")
        XCTAssertNil(document.title)
        XCTAssertEqual(document.metadata, [:])
    }

    func testTitleFallsBackToFirstH1() throws {
        let html = "<body><h2>Sub</h2><h1> The  <em>Main</em>\nTitle </h1><h1>Second</h1></body>"
        let document = try XCTUnwrap(loadText(html, .html).first)
        XCTAssertEqual(document.title, "The Main Title")
        XCTAssertEqual(document.text, "## Sub\n\n# The Main Title\n\n# Second")
    }

    func testUnclosedHeadingEndsAtNextBlock() throws {
        let document = try XCTUnwrap(loadText("<h1>Heading<p>Body text", .html).first)
        XCTAssertEqual(document.text, "# Heading\n\nBody text")
        XCTAssertEqual(document.title, "Heading")
    }

    func testHeadContentIsDroppedButImplicitBodyIsKept() throws {
        let html = "<head><link rel=stylesheet href=a.css><base href=/>Stray text<p>More</p>"
        XCTAssertEqual(try loadText(html, .html).first?.text, "Stray text\n\nMore")
        let noBody = "<html><head><title>T</title></head><div>Content</div>"
        XCTAssertEqual(try loadText(noBody, .html).first?.text, "Content")
    }

    func testScriptsStylesCommentsAndSVGAreDropped() throws {
        let html = """
        <p>Keep</p><script type="text/javascript">if (a < b) { document.write("</div>"); }</script>
        <style>p { content: "<b>" }</style><!-- a -- comment --><svg><title>icon</title></svg>
        <SCRIPT>uppercase script</Script ><p>After</p><!-- unclosed comment <p>Tail</p>
        """
        XCTAssertEqual(try loadText(html, .html).first?.text, "Keep\n\nAfter\n\nTail")
    }

    func testBreaksListsAndTables() throws {
        let html = """
        <p>one<br>two<br><br>three</p>
        <ol><li>a<ul><li>nested</li></ul></li><li></li><li><p>b</p></li></ol>
        <table><tr><td>x</td><td></td><td>z</td></tr></table>
        <blockquote>quote</blockquote><hr><section>end</section>
        """
        XCTAssertEqual(
            try loadText(html, .html).first?.text,
            "one\ntwo\n\nthree\n\n- a\n  - nested\n- b\n\nx | z\n\nquote\n\nend"
        )
    }

    func testPreKeepsWhitespaceAndEntities() throws {
        let html = "<p>Before</p><pre>\n  a  &lt;b&gt;\n\n    c</pre><p>After   text</p>"
        XCTAssertEqual(try loadText(html, .html).first?.text, "Before\n\n  a  <b>\n\n    c\n\nAfter text")
    }

    func testMetaDescriptionAttributesAnyOrderAndCase() throws {
        let html = "<META CONTENT='Caf&eacute;  &amp; bar' NAME=Description><p>x</p>"
        XCTAssertEqual(try loadText(html, .html).first?.metadata, ["description": "Café & bar"])
    }

    func testPageWithoutTextIsAnError() {
        let html = "<html><head><title>Only a title</title><script>x()</script></head><body>  </body></html>"
        XCTAssertEqual(loaderError { try loadText(html, .html, source: "mem/p.html") }?.description, "mem/p.html: no text found")
    }
}
