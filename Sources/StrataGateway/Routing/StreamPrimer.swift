import StrataProviders

/// Waits for a stream's first chunk before handing it on, so a stream that fails before
/// sending anything can still be retried or failed over; after that, errors reach the client.
enum StreamPrimer {
    static func prime(_ upstream: ChunkStream) async throws -> ChunkStream {
        let (output, outputContinuation) = ChunkStream.makeStream()
        let (firstSignal, signalContinuation) = AsyncStream<Result<Void, any Error>>.makeStream()
        let relay = Task {
            var signalled = false
            do {
                for try await chunk in upstream {
                    outputContinuation.yield(chunk)
                    if !signalled {
                        signalled = true
                        signalContinuation.yield(.success(()))
                        signalContinuation.finish()
                    }
                }
                if !signalled { signalContinuation.yield(.success(())); signalContinuation.finish() }
                outputContinuation.finish()
            } catch {
                if signalled {
                    outputContinuation.finish(throwing: error)
                } else {
                    signalContinuation.yield(.failure(error))
                    signalContinuation.finish()
                    outputContinuation.finish()
                }
            }
        }
        outputContinuation.onTermination = { _ in relay.cancel() }
        let outcome = await withTaskCancellationHandler {
            var result: Result<Void, any Error> = .failure(CancellationError())
            for await signal in firstSignal {
                result = signal
                break
            }
            return result
        } onCancel: {
            relay.cancel()
        }
        try outcome.get()
        return output
    }
}
