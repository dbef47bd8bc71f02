import StrataCore

/// Turns an upstream's server-sent events into a chunk stream: one task reads the events,
/// a provider-specific step decodes each one (keeping whatever state its wire format needs),
/// and cancelling the chunk stream cancels the read.
enum EventRelay {
    /// What a step makes of one event.
    enum Step {
        case chunks([ChatCompletionChunk])
        /// The upstream said it is done; later events are ignored.
        case done([ChatCompletionChunk])
    }

    static func relay<State: Sendable>(
        _ events: AsyncThrowingStream<SSEEvent, any Error>, initial: State,
        step: @escaping @Sendable (inout State, SSEEvent) throws -> Step,
        finish: @escaping @Sendable (State) -> [ChatCompletionChunk] = { _ in [] }
    ) -> ChunkStream {
        ChunkStream { continuation in
            let task = Task {
                var state = initial
                do {
                    reading: for try await event in events where !event.data.isEmpty {
                        switch try step(&state, event) {
                        case .chunks(let chunks):
                            for chunk in chunks { continuation.yield(chunk) }
                        case .done(let chunks):
                            for chunk in chunks { continuation.yield(chunk) }
                            break reading
                        }
                    }
                    for chunk in finish(state) { continuation.yield(chunk) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
