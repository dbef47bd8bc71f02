import Foundation
import StrataCore
import StrataTestSupport
import XCTest

final class RateLimitTests: XCTestCase {
    func testRequestsPerMinuteGive429WithRetryAfter() async throws {
        let server = try await ServerHarness.start { config, _ in
            config.guards = ["rate_limits": ["defaults": ["key": ["requests_per_minute": 2]]]]
        }
        addTeardownBlock { try await server.stop() }
        let body = #"{"model":"gpt","messages":[{"role":"user","content":"x"}]}"#
        let first = try await server.send("/v1/chat/completions", body: body)
        let second = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","stream":true,"messages":[{"role":"user","content":"x"}]}"#)
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(second.status, 200)
        XCTAssertEqual(first.headers["x-ratelimit-limit-requests"], "2")
        XCTAssertEqual(first.headers["x-ratelimit-remaining-requests"], "1")
        XCTAssertEqual(second.headers["x-ratelimit-remaining-requests"], "0", "streams carry the headers too")
        let third = try await server.send("/v1/chat/completions", body: body)
        XCTAssertEqual(third.status, 429, third.body)
        XCTAssertEqual(third.json["error"]?["code"], "rate_limited")
        XCTAssertTrue(third.json["error"]?["message"]?.stringValue?.contains("key:") ?? false, third.body)
        let retryAfter = Int(third.headers["retry-after"] ?? "") ?? 0
        XCTAssertGreaterThanOrEqual(retryAfter, 1)
        XCTAssertLessThanOrEqual(retryAfter, 60)
        let trace = try await server.trace(try XCTUnwrap(third.headers["x-strata-trace-id"]))
        XCTAssertEqual(trace["status"], 429)
    }

    func testConcurrencyLimitIsReleasedWhenRequestsEnd() async throws {
        let server = try await ServerHarness.start { config, _ in
            config.guards = ["rate_limits": ["defaults": ["key": ["max_concurrent": 1]]]]
        }
        addTeardownBlock { try await server.stop() }
        for _ in 0..<3 {
            let reply = try await server.send("/v1/chat/completions", body: #"{"model":"gpt","messages":[{"role":"user","content":"x"}]}"#)
            XCTAssertEqual(reply.status, 200, "sequential requests each get the slot back: \(reply.body)")
            // The slot is returned just after the response is sent.
            try await Task.sleep(nanoseconds: 20_000_000)
        }
    }
}
