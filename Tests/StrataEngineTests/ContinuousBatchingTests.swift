import XCTest
@testable import StrataEngine

/// Requests running together give, token for token, what each gives alone.
final class ContinuousBatchingTests: XCTestCase {
    func testConcurrentRequestsMatchTheirSequentialRuns() async throws {
        let m = try LocalModel(path: TestFiles.smolLM2())
        var jobs: [(String, SamplingParameters)] = []
        let questions = ["Name three rivers.", "What is 12 times 7?", "Write a haiku about snow.", "Describe a cat in one sentence.",
                         "List four colours.", "Say hello in French.", "Why is the sky blue?", "Give me a JSON object about a book."]
        for (i, question) in questions.enumerated() {
            var p = SamplingParameters()
            p.temperature = 0
            p.maxTokens = 12 + 5 * i  // sequences leave the batch at different steps
            if i == 2 { p.stop = ["\n"] }
            if i == 7 { p.constraint = JSONSchemaGrammar.anyObject }
            jobs.append((try m.renderChat([ChatTurn(role: "user", content: question)]), p))
        }
        var alone: [String] = []
        for (prompt, p) in jobs { alone.append(try await LocalModelTests.collect(m, prompt, p).0) }
        XCTAssertEqual(m.peakBatchSize, 0, "one at a time never batches")

        let together = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (i, job) in jobs.enumerated() {
                group.addTask { (i, try await LocalModelTests.collect(m, job.0, job.1).0) }
            }
            var out = [String](repeating: "", count: jobs.count)
            for try await (i, text) in group { out[i] = text }
            return out
        }
        XCTAssertGreaterThan(m.peakBatchSize, 1, "the requests ran batched")
        for i in jobs.indices {
            XCTAssertEqual(together[i], alone[i], "request \(i): \(questions[i])")
        }
    }

    /// The faster tiled batching still serves every request to the end (its numbers may
    /// differ from a solo run in the last bits, so the texts are not compared).
    func testTiledBatchingServesEveryRequest() async throws {
        let m = try LocalModel(path: TestFiles.smolLM2(), exactBatching: false)
        var p = SamplingParameters()
        p.temperature = 0
        p.maxTokens = 16
        p.ignoreEOS = true
        let parameters = p
        let prompts = try (0 ..< 10).map { try m.renderChat([ChatTurn(role: "user", content: "Tell me about the number \($0).")]) }
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for prompt in prompts { group.addTask { try await LocalModelTests.collect(m, prompt, parameters).1.last?.completionTokens ?? 0 } }
            var all: [Int] = []
            for try await count in group { all.append(count) }
            return all
        }
        XCTAssertEqual(counts, Array(repeating: 16, count: 10))
        XCTAssertGreaterThanOrEqual(m.peakBatchSize, 8, "enough sequences ran together to use the 8-token tiles")
    }
}
