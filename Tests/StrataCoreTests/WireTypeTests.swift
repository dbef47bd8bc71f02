import Foundation
import StrataCore
import XCTest

final class WireTypeTests: XCTestCase {
    func testUnknownFieldsPassThrough() throws {
        let json = #"{"model":"m","messages":[{"role":"user","content":"hi"}],"reasoning_effort":"low","extra_body":{"a":1}}"#
        let request = try JSONDecoder().decode(ChatCompletionRequest.self, from: Data(json.utf8))
        XCTAssertEqual(request.extra["reasoning_effort"], "low")
        let encoded = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(request))
        XCTAssertEqual(encoded["reasoning_effort"], "low")
        XCTAssertEqual(encoded["extra_body"]?["a"], 1)
    }

    func testContentPartsAndStopForms() throws {
        let json = #"""
            {"model":"m","stop":"END","messages":[{"role":"user","content":[{"type":"text","text":"look"},
             {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}]}
            """#
        let request = try JSONDecoder().decode(ChatCompletionRequest.self, from: Data(json.utf8))
        XCTAssertEqual(request.stop?.values, ["END"])
        XCTAssertTrue(request.messages[0].content?.hasImages ?? false)
        XCTAssertEqual(request.messages[0].content?.plainText, "look")
    }

    func testErrorBodyShape() throws {
        let body = StrataError.modelNotFound("x", available: ["b", "a"]).body
        let json = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(body))
        XCTAssertEqual(json["error"]?["code"], "model_not_found")
        XCTAssertEqual(json["error"]?["param"], "model")
        XCTAssertEqual(json["error"]?["type"], "invalid_request_error")
        XCTAssertTrue(json["error"]?["message"]?.stringValue?.contains("a, b") ?? false)
    }

    func testEnvironmentInterpolationSkipsComments() {
        let (text, issues) = EnvironmentInterpolator(environment: ["A": "1"]).interpolate("x: ${A}\n# ${B}\ny: ${C:-d}")
        XCTAssertEqual(text, "x: 1\n# ${B}\ny: d")
        XCTAssertTrue(issues.isEmpty)
    }
}
