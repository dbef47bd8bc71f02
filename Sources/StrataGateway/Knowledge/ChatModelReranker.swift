import Foundation
import StrataCore
import StrataKnowledge
import StrataStore

/// An LLM as reranker: one chat request lists the question and the passages and asks for a
/// JSON array of 0–10 relevance scores. It goes through the gateway like any request
/// (routing, retries, a trace with its cost). An answer that is not such an array fails the
/// rerank, and the search keeps its fused order.
public struct ChatModelReranker: Reranker {
    public let name: String
    let pipeline: ChatPipeline
    let time: any TimeSource
    /// The caller's key: the reranking request counts against its rate limits and budgets.
    let key: APIKeyRecord?

    public init(model: String, pipeline: ChatPipeline, time: any TimeSource, key: APIKeyRecord? = nil) {
        self.name = model
        self.pipeline = pipeline
        self.time = time
        self.key = key
    }

    struct Unparsable: Error, CustomStringConvertible {
        let answer: String
        var description: String { "the reranker's answer is not a JSON array of scores: \(answer.prefix(200))" }
    }

    public func scores(query: String, passages: [String]) async throws -> [Double] {
        var prompt = """
            Rate how well each passage answers the question, from 0 (unrelated) to 10 (answers it fully). \
            Reply with only a JSON array of \(passages.count) numbers, one per passage, in order.

            Question: \(query)
            """
        for (i, passage) in passages.enumerated() {
            prompt += "\n\nPassage \(i + 1):\n\(passage.prefix(1500))"
        }
        var request = ChatCompletionRequest(model: name, messages: [.text("user", prompt)])
        request.temperature = 0
        request.maxTokens = 6 * passages.count + 16
        let context = CallContext(internal: "knowledge.rerank", startedAt: time.now(), key: key)
        guard case .response(let response, _, _) = try await pipeline.chat(request, context: context) else {
            throw StrataError.internalError("The reranker streamed an answer it was not asked to stream.")
        }
        let answer = response.choices.first?.message.content?.plainText ?? ""
        guard let scores = Self.parse(answer, count: passages.count) else { throw Unparsable(answer: answer) }
        return scores
    }

    /// The first `[…]` in the answer, if it holds exactly `count` numbers.
    static func parse(_ answer: String, count: Int) -> [Double]? {
        guard let open = answer.firstIndex(of: "["), let close = answer[open...].firstIndex(of: "]") else { return nil }
        let inner = answer[answer.index(after: open)..<close]
        let numbers = inner.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard numbers.count == count, numbers.allSatisfy({ $0 != nil }) else { return nil }
        return numbers.compactMap { $0 }
    }
}
