import XCTest
@testable import StrataKnowledge

final class HTMLTokenizerTests: XCTestCase {
    private func tokens(_ html: String) -> [HTMLToken] {
        Array(HTMLTokenizer(html))
    }

    func testTagsAttributesAndText() {
        XCTAssertEqual(tokens(#"<A HREF="/x?a=1&amp;b=2" data-x='y > z' checked id=main>Go</a><br/>"#), [
            .startTag(name: "a", attributes: ["href": "/x?a=1&b=2", "data-x": "y > z", "checked": "", "id": "main"], selfClosing: false),
            .text("Go"),
            .endTag(name: "a"),
            .startTag(name: "br", attributes: [:], selfClosing: true),
        ])
    }

    func testDoctypeCommentsAndProcessingInstructions() {
        XCTAssertEqual(tokens("<!DOCTYPE html><?xml version=\"1.0\"?><!-- c --><![CDATA[x]]>t"), [
            .doctype, .comment, .comment, .comment, .text("t"),
        ])
        XCTAssertEqual(tokens("a<!-->b<!--->c<!-- x -->d"), [.text("a"), .comment, .text("b"), .comment, .text("c"), .comment, .text("d")])
    }

    func testStrayLessThanIsText() {
        XCTAssertEqual(tokens("a < b <3 </ x> <"), [.text("a "), .text("< b "), .text("<3 "), .text("</ x> "), .text("<")])
    }

    func testTagCutOffAtEndIsText() {
        XCTAssertEqual(tokens("ok <div class=\"a"), [.text("ok "), .text("<div class=\"a")])
        XCTAssertEqual(tokens("</p"), [.text("</p")])
    }

    func testUnterminatedQuoteEndsAtFirstGreaterThan() {
        XCTAssertEqual(tokens("<p title=\"oops>text"), [
            .startTag(name: "p", attributes: ["title": "oops"], selfClosing: false), .text("text"),
        ])
    }

    func testRawTextElements() {
        XCTAssertEqual(tokens("<script>a<b</scripts></script >c"), [
            .startTag(name: "script", attributes: [:], selfClosing: false), .text("a<b</scripts>"), .endTag(name: "script"), .text("c"),
        ])
        XCTAssertEqual(tokens("<style>x"), [.startTag(name: "style", attributes: [:], selfClosing: false), .text("x")])
        XCTAssertEqual(tokens("<title>T<p>rest"), [
            .startTag(name: "title", attributes: [:], selfClosing: false), .text("T"),
            .startTag(name: "p", attributes: [:], selfClosing: false), .text("rest"),
        ])
        XCTAssertEqual(tokens("<svg/><p>"), [
            .startTag(name: "svg", attributes: [:], selfClosing: true), .startTag(name: "p", attributes: [:], selfClosing: false),
        ])
    }

    /// Broken markup repeated many times must not make tokenizing quadratic.
    func testRepeatedBrokenMarkupStaysFast() {
        let started = ContinuousClock.now
        for unit in ["<!--", "<title>", "<textarea>x", "<a x=\"", "<a", "</b"] {
            let html = String(repeating: unit, count: 20_000)
            var count = 0
            for _ in HTMLTokenizer(html) { count += 1 }
            XCTAssertGreaterThan(count, 0, unit)
        }
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(10))
    }
}
