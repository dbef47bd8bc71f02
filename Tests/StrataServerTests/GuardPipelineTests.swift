import Foundation
import StrataCore
import StrataTestSupport
import XCTest

/// The guard stages in the request path: the provider never sees protected values, the user
/// gets them back, secrets are refused, and traces record what the guards found.
final class GuardPipelineTests: XCTestCase {
    var server: ServerHarness!

    override func setUp() async throws {
        server = try await ServerHarness.start(reply: "$echo") { config, _ in
            config.guards = ["base": ["pii": ["actions": ["email": "pseudonymize"]], "injection": [:]]]
        }
    }

    override func tearDown() async throws {
        try await server.stop()
    }

    func testEmailIsPseudonymisedUpstreamAndRestoredForTheUser() async throws {
        let reply = try await server.send("/v1/chat/completions", body: #"""
            {"model":"gpt","messages":[{"role":"user","content":"Write to jane.doe@example.com about the invoice"}]}
            """#)
        XCTAssertEqual(reply.status, 200, reply.body)
        let sent = server.upstream.received.last?.body.jsonString() ?? ""
        XCTAssertFalse(sent.contains("jane.doe@example.com"), "the provider must not see the address: \(sent)")
        XCTAssertEqual(reply.json["choices"]?.arrayValue?.first?["message"]?["content"],
                       "Write to jane.doe@example.com about the invoice", "the user sees the value restored")
        let trace = try await server.trace(try XCTUnwrap(reply.headers["x-strata-trace-id"]))
        XCTAssertFalse(trace.jsonString().contains("jane.doe@example.com"), "traces keep what the provider saw")
        XCTAssertTrue(trace["guards"]?.jsonString().contains("email") ?? false, trace.jsonString())
    }

    func testStreamedAnswerIsRestoredAcrossChunks() async throws {
        let reply = try await server.send("/v1/chat/completions", body: #"""
            {"model":"gpt","stream":true,"messages":[{"role":"user","content":"Mail jane.doe@example.com and bob@example.org today"}]}
            """#)
        let text = ServerHarness.events(reply.body).dropLast().compactMap {
            JSONValue.parse($0)?["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue
        }.joined()
        XCTAssertEqual(text, "Mail jane.doe@example.com and bob@example.org today")
        XCTAssertFalse(server.upstream.received.last?.body.jsonString().contains("bob@example.org") ?? true)
    }

    func testSecretsAreRefusedBeforeAnyUpstreamCall() async throws {
        let before = server.upstream.received.count
        let reply = try await server.send("/v1/chat/completions", body: #"""
            {"model":"gpt","messages":[{"role":"user","content":"my key is sk-proj-4fGh7Jk29LmNp0QrStUvWx12YzAb34CdEf56GhIj"}]}
            """#)
        XCTAssertEqual(reply.status, 400, reply.body)
        XCTAssertEqual(reply.json["error"]?["code"], "guard_blocked")
        XCTAssertEqual(reply.json["error"]?["param"], "messages[0].content")
        XCTAssertEqual(server.upstream.received.count, before, "nothing went upstream")
        let trace = try await server.trace(try XCTUnwrap(reply.headers["x-strata-trace-id"]))
        XCTAssertEqual(trace["error_code"], "guard_blocked")
        XCTAssertFalse(trace.jsonString().contains("sk-proj-4fGh7"), "the secret is not written to the trace")
    }
}
