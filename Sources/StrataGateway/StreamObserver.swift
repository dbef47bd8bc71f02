import StrataCore
import StrataGuard
import StrataProviders
import StrataStore

/// Sits between the upstream stream and the client: renames the model to the public one,
/// hides the usage chunk unless asked for, measures time to first token, collects what the
/// trace needs, and records the trace when the stream ends, fails or the client leaves.
struct StreamObserver: Sendable {
    var trace: TraceRecord
    let price: Price?
    let publicModel: String
    let includeUsage: Bool
    let pipeline: ChatPipeline
    /// Redacts and restores text as it streams; nil without guards.
    var outputGuard: GuardedOutputStream?
    /// Settles the request's rate-limit permit and budget reservation when the stream ends.
    var settle: (@Sendable (Double, Int) async -> Void)?

    func observe(_ upstream: ChunkStream) -> ChunkStream {
        let (output, continuation) = ChunkStream.makeStream()
        let start = self
        let relay = Task {
            var trace = start.trace
            var text = ""
            var toolArguments = ""
            var finishReason: String?
            var usage: Usage?
            var firstTokenAt: Double?
            var outputGuard = start.outputGuard
            var blocked = false
            var lastChunk: ChatCompletionChunk?
            var guardFlushed = false
            /// What the provider sent, before restoration: the trace keeps this when guards run.
            var providerText = ""
            /// Releases what the guard still holds back, as a chunk of its own.
            func flushGuard(like chunk: ChatCompletionChunk) {
                guard !guardFlushed, var active = outputGuard else { return }
                guardFlushed = true
                let step = active.finish()
                outputGuard = active
                guard !step.text.isEmpty else { return }
                var tail = chunk
                tail.usage = nil
                tail.choices = [.init(index: 0, delta: .init(content: step.text))]
                continuation.yield(tail)
            }
            do {
                for try await var chunk in upstream {
                    try Task.checkCancellation()
                    if blocked { continue }
                    chunk.model = start.publicModel
                    lastChunk = chunk
                    if var active = outputGuard, let index = chunk.choices.firstIndex(where: { $0.index == 0 }) {
                        if let content = chunk.choices[index].delta.content, !content.isEmpty {
                            providerText += content
                            let step = active.feed(content)
                            outputGuard = active
                            if let reason = step.blockReason {
                                blocked = true
                                trace.errorMessage = "output withheld by a guard: \(reason)"
                                chunk.choices = [.init(index: 0, delta: .init(content: step.text.isEmpty ? nil : step.text),
                                                       finishReason: "content_filter")]
                                continuation.yield(chunk)
                                continue
                            }
                            chunk.choices[index].delta.content = step.text
                        }
                        if chunk.choices[index].finishReason != nil { flushGuard(like: chunk) }
                    }
                    if let chunkUsage = chunk.usage { usage = chunkUsage }
                    for choice in chunk.choices where choice.index == 0 {
                        if let content = choice.delta.content, !content.isEmpty {
                            if firstTokenAt == nil { firstTokenAt = start.pipeline.time.now() }
                            text += content
                        }
                        for call in choice.delta.toolCalls ?? [] {
                            if firstTokenAt == nil { firstTokenAt = start.pipeline.time.now() }
                            toolArguments += call.function?.arguments ?? ""
                        }
                        if let reason = choice.finishReason { finishReason = reason }
                    }
                    if chunk.choices.isEmpty && chunk.usage != nil && !start.includeUsage { continue }
                    if !start.includeUsage { chunk.usage = nil }
                    continuation.yield(chunk)
                }
                if !blocked, let last = lastChunk { flushGuard(like: last) }
                continuation.finish()
            } catch is CancellationError {
                trace.status = 499
                trace.errorCode = "client_closed"
                trace.errorMessage = "The client closed the connection during the stream."
                continuation.finish()
            } catch {
                let message = (error as? ProviderError)?.description ?? "\(error)"
                trace.status = 502
                trace.errorCode = "stream_interrupted"
                trace.errorMessage = message
                continuation.finish(throwing: StrataError(status: 502, type: "upstream_error", code: "stream_interrupted",
                                                          message: "The upstream stream failed: \(message)"))
            }
            if Task.isCancelled && trace.status < 400 {
                trace.status = 499
                trace.errorCode = "client_closed"
            }
            trace.timeToFirstTokenMilliseconds = firstTokenAt.map { ($0 - trace.createdAt) * 1000 }
            trace.promptTokens = usage?.promptTokens ?? 0
            trace.completionTokens = usage?.completionTokens ?? 0
            trace.cost = start.price?.cost(promptTokens: trace.promptTokens, completionTokens: trace.completionTokens) ?? 0
            var summary: [String: JSONValue] = ["content": .string(start.outputGuard == nil ? text : providerText)]
            if !toolArguments.isEmpty { summary["tool_arguments"] = .string(toolArguments) }
            if let finishReason { summary["finish_reason"] = .string(finishReason) }
            trace.responseBody = start.pipeline.clip(JSONValue.object(summary).jsonString())
            if let active = outputGuard, let found = GuardStage.traceJSON(active.results) {
                trace.guards = found
            }
            await start.settle?(trace.cost, trace.promptTokens + trace.completionTokens)
            await start.pipeline.finish(trace)
        }
        continuation.onTermination = { termination in
            if case .cancelled = termination { relay.cancel() }
        }
        return output
    }
}
