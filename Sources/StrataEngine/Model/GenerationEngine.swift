import Synchronization

/// One queued `generate` call.
struct GenerationRequest: Sendable {
    var prompt: String
    var parameters: SamplingParameters
    var continuation: AsyncThrowingStream<GenerationChunk, any Error>.Continuation
    var cancelled: CancellationFlag
}

/// Continuous batching on the engine thread: requests join the running batch as they arrive
/// (prefilled, reusing cached prompt blocks) and leave it when they finish; each step decodes
/// one token for every running sequence in one pass over the weights. A sequence's output
/// does not depend on what it runs with (every token gets the one-token arithmetic). A lone
/// sequence may decode speculatively.
/// The runner, compute pool and KV cache are touched only from the engine thread.
final class GenerationEngine: @unchecked Sendable {
    private let file: GGUFFile // keeps the mapped weights alive
    private let config: LlamaConfig
    private let weights: LlamaWeights
    private let tokenizer: Tokenizer
    private let threads: Int
    private let kvCacheBytes: Int
    private let exactBatching: Bool
    private let thread = EngineThread()
    /// Most sequences decoded together.
    static let maxBatch = LlamaRunner.maxVerifyTokens
    /// Requests not yet admitted, and whether a scheduling job is queued or running.
    private let queue = Mutex<(pending: [GenerationRequest], scheduled: Bool)>(([], false))
    /// The most sequences decoded in one step so far (for tests and diagnostics).
    let peakBatch = Atomic<Int>(0)
    /// Counters published after every step.
    let stats = Mutex(EngineStats())
    private var totals = EngineStats()
    // Engine-thread state.
    private var runner: LlamaRunner?
    private var active: [DecodeSession] = []

    init(file: GGUFFile, config: LlamaConfig, weights: LlamaWeights, tokenizer: Tokenizer, threads: Int, kvCacheBytes: Int,
         exactBatching: Bool = true) {
        self.kvCacheBytes = kvCacheBytes
        self.exactBatching = exactBatching
        self.file = file
        self.config = config
        self.weights = weights
        self.tokenizer = tokenizer
        self.threads = threads
    }

    func submit(_ request: GenerationRequest) {
        guard thread.isRunning else {
            request.continuation.finish(throwing: EngineError.engineStopped)
            return
        }
        let start = queue.withLock { state -> Bool in
            state.pending.append(request)
            if state.scheduled { return false }
            state.scheduled = true
            return true
        }
        if start { thread.submit { [self] in schedule() } }
    }

    func shutdown() { thread.stop() }

    /// Steps until nothing is running or waiting.
    private func schedule() {
        let runner = self.runner ?? LlamaRunner(config: config, weights: weights, pool: ComputePool(threads: threads),
                                                kvCacheBytes: kvCacheBytes)
        self.runner = runner
        while true {
            let arrivals = queue.withLock { state -> [GenerationRequest]? in
                let room = Self.maxBatch - active.count
                let taken = Array(state.pending.prefix(max(0, room)))
                state.pending.removeFirst(taken.count)
                if taken.isEmpty && active.isEmpty {
                    state.scheduled = false
                    return nil
                }
                return taken
            }
            guard let arrivals else { return }
            for request in arrivals {
                if request.cancelled.isCancelled {
                    request.continuation.finish()
                    continue
                }
                do {
                    if let session = try DecodeSession(request: request, runner: runner, tokenizer: tokenizer, config: config) {
                        active.append(session)
                    }
                } catch {
                    request.continuation.finish(throwing: error)
                }
            }
            step(runner)
        }
    }

    /// One token for every running sequence.
    private func step(_ runner: LlamaRunner) {
        var feeding: [(session: DecodeSession, token: Int)] = []
        for session in active {
            if let token = session.next(pool: runner.kvPool) { feeding.append((session, token)) }
        }
        defer { publish(runner, feeding: feeding.map(\.session)) }
        retire()
        if feeding.count == 1 {
            feeding[0].session.runAlone(feeding[0].token, runner: runner)
        } else if !feeding.isEmpty {
            if feeding.count > peakBatch.load(ordering: .relaxed) { peakBatch.store(feeding.count, ordering: .relaxed) }
            var sequences = feeding.map(\.session.sequence)
            runner.forwardBatch(feeding.map(\.token), sequences: &sequences, exact: exactBatching)
            for (i, entry) in feeding.enumerated() {
                entry.session.sequence = sequences[i]
                entry.session.take(logits: runner.allLogits + i * config.vocabularySize)
            }
        }
        retire()
    }

    /// Drops finished sessions, counting their speculative drafts.
    private func retire() {
        for session in active where session.isFinished {
            totals.draftedTokens += session.drafted
            totals.acceptedDraftTokens += session.accepted
        }
        active.removeAll { $0.isFinished }
    }

    private func publish(_ runner: LlamaRunner, feeding: [DecodeSession]) {
        let pool = runner.kvPool
        if !feeding.isEmpty {
            totals.steps += 1
            totals.stepTokens += feeding.count
        }
        var snapshot = totals
        snapshot.blockCapacity = pool.capacity
        snapshot.blocksAllocated = pool.allocatedBlocks
        snapshot.blocksInUse = pool.blocksInUse
        snapshot.blocksCached = pool.cachedBlocks
        snapshot.evictions = pool.stats.evictions
        snapshot.prefixLookups = pool.stats.lookups
        snapshot.prefixHits = pool.stats.hits
        snapshot.running = active.count
        stats.withLock { $0 = snapshot }
    }

    static func argmax(_ row: UnsafeMutablePointer<Float>, _ n: Int) -> Int {
        var best = 0
        for i in 1 ..< n where row[i] > row[best] { best = i }
        return best
    }
}
