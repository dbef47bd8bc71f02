import XCTest
@testable import StrataEngine

/// Prompt-lookup speculative decoding must not change greedy output, token for token.
final class SpeculativeDecodingTests: XCTestCase {
    func testDrafterProposesWhatFollowedTheLatestMatch() {
        var d = PromptLookupDrafter(context: [1, 2, 3, 4, 5, 9, 2, 3, 7, 8], maxDraft: 4)
        d.append(2)
        d.append(3)
        XCTAssertEqual(d.draft(limit: 10), [7, 8], "starts at half the maximum: the latest '2 3' was followed by 7 8")
        d.record(accepted: 2, of: 2)
        XCTAssertEqual(d.draft(limit: 10), [7, 8, 2, 3], "a whole draft accepted doubles the budget")
        XCTAssertEqual(d.draft(limit: 1), [7])
        d.record(accepted: 0, of: 4)
        XCTAssertEqual(d.draft(limit: 10), [7, 8], "a rejected draft halves it")
        var fresh = PromptLookupDrafter(context: [1, 2, 3], maxDraft: 4)
        fresh.append(42)
        fresh.append(3)
        XCTAssertEqual(fresh.draft(limit: 4), [], "a single matching token is not enough")
    }

    func testGreedyOutputIsIdenticalWithAndWithoutSpeculation() async throws {
        let m = try LocalModelTests.smol.get()
        let passage = """
            The Rhine rises in the Swiss Alps, flows through Lake Constance, forms part of the border between Germany \
            and France, and reaches the North Sea in the Netherlands after about 1,230 kilometres.
            """
        let long = String(repeating: "Strata serves models, routes requests and keeps traces. ", count: 30)
        var prompts: [String] = [
            "Repeat this passage exactly: \(passage)",
            "Quote the first sentence of: \(passage)",
            "Copy the list: apples, pears, plums, cherries, apricots, peaches, figs, dates.",
            "Rewrite in capitals: the quick brown fox jumps over the lazy dog",
            "\(long)\nSummarize the text above in one sentence.",
            "\(long)\nRepeat the last sentence above.",
            "def add(a, b):\n    return a + b\n\n# The same function with a docstring:\n",
            "JSON for a user named Ann aged 31: ",
            "Translate to French: good morning, good evening, good night.",
            "List the numbers from 1 to 20 separated by commas:",
        ]
        for topic in ["the sea", "a lighthouse", "bread", "winter", "trains", "a cat", "the moon", "coffee", "rain", "a library",
                      "mountains", "a river"] {
            prompts.append("Write two sentences about \(topic).")
        }
        XCTAssertGreaterThanOrEqual(prompts.count, 20)
        var plain = SamplingParameters()
        plain.temperature = 0
        plain.maxTokens = 48
        var speculative = plain
        speculative.draftTokens = 8
        var drafted = 0, accepted = 0
        for prompt in prompts {
            let rendered = try m.renderChat([ChatTurn(role: "user", content: prompt)])
            let (a, aChunks) = try await LocalModelTests.collect(m, rendered, plain)
            let (b, bChunks) = try await LocalModelTests.collect(m, rendered, speculative)
            XCTAssertEqual(a, b, "prompt: \(prompt.prefix(60))")
            XCTAssertEqual(aChunks.last?.completionTokens, bChunks.last?.completionTokens)
            XCTAssertEqual(aChunks.last?.finishReason, bChunks.last?.finishReason)
            drafted += bChunks.last?.draftedTokens ?? 0
            accepted += bChunks.last?.acceptedDraftTokens ?? 0
        }
        print("prompt lookup: \(accepted) of \(drafted) drafted tokens accepted")
        XCTAssertGreaterThan(accepted, 0, "extractive prompts must accept drafts")
    }
}
