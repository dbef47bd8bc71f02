import StrataCore
@testable import StrataGateway
import StrataGuard
import XCTest

/// Every string a tool call carries is checked against the data-flow policy, however the
/// arguments are shaped.
final class QuarantineReleaseTests: XCTestCase {
    func response(arguments: String, tool: String = "send_email") -> ChatCompletionResponse {
        var message = ChatMessage.text("assistant", "")
        message.content = nil
        message.toolCalls = [ToolCall(id: "call_1", name: tool, arguments: arguments)]
        return ChatCompletionResponse(id: "x", created: 0, model: "m", choices: [.init(index: 0, message: message, finishReason: "tool_calls")],
                                      usage: nil)
    }

    func testQuarantinedValuesCannotHideInCollidingPathsOrKeys() {
        var store = QuarantineStore()
        _ = store.quarantine("the secret report", source: "retrieval:reports")
        let policy = DataFlowPolicy(tools: ["lookup": .init(onViolation: .block, allowedSources: ["*"])],
                                    defaultRule: .init(onViolation: .block))
        for arguments in [#"{"a.b":"$Q1","a":{"b":"x"}}"#, #"{"$Q1":"x"}"#, #"{"list":["ok",{"deep":"see $Q1"}]}"#, #""$Q1""#] {
            let (released, blocked) = QuarantineStage.release(response(arguments: arguments), store: store, policy: policy)
            XCTAssertNil(released.choices.first?.message.toolCalls, arguments)
            XCTAssertEqual(blocked.count, 1, arguments)
            XCTAssertEqual(released.choices.first?.finishReason, "stop")
        }
        let (allowed, none) = QuarantineStage.release(response(arguments: #"{"q":"$Q1","$Q1":1}"#, tool: "lookup"), store: store, policy: policy)
        XCTAssertTrue(none.isEmpty)
        let arguments = allowed.choices.first?.message.toolCalls?.first?.function.arguments ?? ""
        XCTAssertEqual(JSONValue.parse(arguments)?["q"], "the secret report")
        XCTAssertNotNil(JSONValue.parse(arguments)?["the secret report"], "keys are rendered too")
    }
}
