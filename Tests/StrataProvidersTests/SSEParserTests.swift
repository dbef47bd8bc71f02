import StrataProviders
import XCTest

final class SSEParserTests: XCTestCase {
    func testEventsSplitAcrossReads() {
        var parser = SSEParser()
        let stream = "event: a\ndata: {\"x\":\ndata: 1}\n\n: comment\ndata: second\r\n\r\ndata: [DONE]\n\n"
        var events: [SSEEvent] = []
        for byte in Array(stream.utf8) { events += parser.feed([byte]) }
        events += parser.finish()
        XCTAssertEqual(events, [SSEEvent(event: "a", data: "{\"x\":\n1}"), SSEEvent(data: "second"), SSEEvent(data: "[DONE]")])
    }

    func testUnterminatedEventFlushesAtEnd() {
        var parser = SSEParser()
        XCTAssertEqual(parser.feed(Array("data: tail".utf8)), [])
        XCTAssertEqual(parser.finish(), [SSEEvent(data: "tail")])
    }
}
