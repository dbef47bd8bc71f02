/// One queued `generate` call.
struct GenerationRequest: Sendable {
    var prompt: String
    var parameters: SamplingParameters
    var continuation: AsyncThrowingStream<GenerationChunk, any Error>.Continuation
    var cancelled: CancellationFlag
}

/// Runs generation requests on its engine thread: tokenize, prefill (reusing cached blocks of
/// earlier prompts), then sample and decode token by token, streaming chunks.
/// The runner, compute pool and KV cache are touched only from the engine thread.
final class GenerationEngine: @unchecked Sendable {
    private let file: GGUFFile // keeps the mapped weights alive
    private let config: LlamaConfig
    private let weights: LlamaWeights
    private let tokenizer: Tokenizer
    private let threads: Int
    private let kvCacheBytes: Int
    private let thread = EngineThread()
    // Engine-thread state.
    private var runner: LlamaRunner?
    private var sequence = SequenceKV()

    init(file: GGUFFile, config: LlamaConfig, weights: LlamaWeights, tokenizer: Tokenizer, threads: Int, kvCacheBytes: Int) {
        self.kvCacheBytes = kvCacheBytes
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
        thread.submit { [self] in run(request) }
    }

    func shutdown() { thread.stop() }

    private func run(_ request: GenerationRequest) {
        do {
            try generate(request)
        } catch {
            request.continuation.finish(throwing: error)
        }
    }

    private func generate(_ request: GenerationRequest) throws {
        if request.cancelled.isCancelled { request.continuation.finish(); return }
        let runner = self.runner ?? LlamaRunner(config: config, weights: weights, pool: ComputePool(threads: threads),
                                                kvCacheBytes: kvCacheBytes)
        self.runner = runner
        let p = request.parameters
        let out = request.continuation

        var prompt = tokenizer.encode(request.prompt)
        if prompt.isEmpty {
            guard let bos = tokenizer.bosID else { throw EngineError.emptyPrompt }
            prompt = [bos]
        }
        guard prompt.count < config.contextLength else {
            throw EngineError.promptTooLong(tokens: prompt.count, contextLength: config.contextLength)
        }

        // Prefix caching: take the longest run of whole cached blocks of this prompt (any earlier
        // request's), compute the rest. Only blocks that a prompt prefill computed are cached,
        // and the rest starts at a block boundary, so the result is bit-identical to computing
        // the whole prompt: greedy output does not depend on what ran before.
        let pool = runner.kvPool
        let bt = pool.blockTokens
        sequence.reset(in: pool)
        var cachedBlocks: [Int] = []
        var hash: UInt64 = 0
        for i in 0 ..< (prompt.count - 1) / bt {
            hash = KVBlockPool.chain(hash, prompt[i * bt ..< (i + 1) * bt])
            guard let block = pool.take(hash: hash) else { break }
            cachedBlocks.append(block)
        }
        sequence.adopt(cachedBlocks, in: pool)
        let reused = sequence.count
        defer { sequence.reset(in: pool) }
        runner.forward(prompt[reused...], kv: &sequence, wantLogits: true) { request.cancelled.isCancelled }
        sequence.registerFullBlocks(Array(prompt.prefix(sequence.count)), in: pool)
        if request.cancelled.isCancelled { out.finish(); return }

        var system = SystemRandomNumberGenerator()
        let seed = p.seed ?? system.next()
        var sampler = Sampler(parameters: p, seed: seed, prompt: prompt)
        var utf8 = UTF8StreamDecoder()
        var stops = StopStringMatcher(p.stop)
        let vocab = config.vocabularySize
        var generated = 0
        var finish = FinishReason.length
        var drafter = p.speculates ? PromptLookupDrafter(context: prompt, maxDraft: min(p.draftTokens, LlamaRunner.maxVerifyTokens - 1)) : nil
        var drafted = 0, accepted = 0
        var constraint = p.constraint?.makeConstraint()
        var stopString = false
        var consumerGone = false

        /// Emits one chosen token; false when generation is over (EOS, stop string, consumer gone).
        func emit(_ token: Int, logprobs: [TokenLogprob]) -> Bool {
            if tokenizer.isEndOfGeneration(token) { finish = .stop; return false }
            sampler.accept(token)
            drafter?.append(token)
            generated += 1
            let (text, stopped) = stops.append(utf8.append(tokenizer.bytes(of: token)))
            if stopped {
                finish = .stop
                stopString = true
                var last = GenerationChunk(text: text, logprobs: logprobs, finishReason: .stop, promptTokens: prompt.count,
                                           completionTokens: generated)
                last.draftedTokens = drafted
                last.acceptedDraftTokens = accepted
                last.cachedPromptTokens = reused
                out.yield(last)
                return false
            }
            if !text.isEmpty || !logprobs.isEmpty {
                if case .terminated = out.yield(GenerationChunk(text: text, logprobs: logprobs, promptTokens: prompt.count,
                                                                completionTokens: generated)) {
                    consumerGone = true
                    return false
                }
            }
            return true
        }

        decoding: while generated < p.maxTokens {
            if request.cancelled.isCancelled { out.finish(); return }
            var logprobs: [TokenLogprob] = []
            // Log-probabilities come from the model's raw distribution, before penalties.
            let raw = p.topLogprobs == nil ? nil : Array(UnsafeBufferPointer(start: runner.logits, count: vocab))
            let token: Int
            if let rule = constraint {
                let chosen = sampler.sample(runner.logits, count: vocab) { id in
                    if tokenizer.isEndOfGeneration(id) { return rule.isComplete }
                    if tokenizer.isControl(id) { return false }
                    let bytes = tokenizer.bytes(of: id)
                    return !bytes.isEmpty && rule.allows(bytes)
                }
                guard let chosen else { finish = .stop; break }
                token = chosen
            } else {
                token = sampler.sample(runner.logits, count: vocab)
            }
            if let top = p.topLogprobs, let raw {
                let (lp, alts) = raw.withUnsafeBufferPointer { Sampler.logprobs($0.baseAddress!, vocab, chosen: token, top: top) }
                logprobs = [describe(token, lp, alts)]
            }
            guard emit(token, logprobs: logprobs) else { break }
            if constraint != nil {
                constraint?.advance(tokenizer.bytes(of: token))
                if constraint?.mustStop == true { finish = .stop; break }
            }
            if sequence.count + 1 >= config.contextLength { finish = .length; break }
            if generated >= p.maxTokens { break }

            // Prompt lookup: draft what followed the last few tokens the previous time they
            // occurred, run the token and the draft in one pass, keep the draft up to the first
            // token greedy decoding would not have chosen.
            let room = min(p.maxTokens - generated, config.contextLength - 1 - sequence.count - 1)
            if let d = drafter, room > 0, case let draft = d.draft(limit: room), !draft.isEmpty {
                let base = sequence.count
                runner.forwardVerifying([token] + draft, kv: &sequence)
                drafted += draft.count
                var keep = 0
                while keep < draft.count, Self.argmax(runner.allLogits + keep * vocab, vocab) == draft[keep] { keep += 1 }
                accepted += keep
                drafter?.record(accepted: keep, of: draft.count)
                // Rows 0 ... keep are the distributions after token, draft[0 ..< keep].
                sequence.truncate(to: base + 1 + keep, in: runner.kvPool)
                (runner.logits).update(from: runner.allLogits + keep * vocab, count: vocab)
                for next in draft.prefix(keep) {
                    guard emit(next, logprobs: []) else { break decoding }
                    if generated >= p.maxTokens { break decoding }
                }
                continue
            }
            runner.forward([token][...], kv: &sequence, wantLogits: true)
        }
        if stopString || consumerGone {
            out.finish()
            return
        }
        let tail = stops.append(utf8.flush()).emit + stops.flush()
        var last = GenerationChunk(text: tail, finishReason: finish, promptTokens: prompt.count, completionTokens: generated)
        last.draftedTokens = drafted
        last.acceptedDraftTokens = accepted
        last.cachedPromptTokens = reused
        out.yield(last)
        out.finish()
    }

    static func argmax(_ row: UnsafeMutablePointer<Float>, _ n: Int) -> Int {
        var best = 0
        for i in 1 ..< n where row[i] > row[best] { best = i }
        return best
    }

    private func describe(_ token: Int, _ lp: Float, _ alts: [(id: Int, logprob: Float)]) -> TokenLogprob {
        func text(_ id: Int) -> (String, [UInt8]) {
            let b = tokenizer.bytes(of: id)
            return (String(decoding: b, as: UTF8.self), b)
        }
        let (s, b) = text(token)
        return TokenLogprob(token: s, logprob: lp, bytes: b, top: alts.map { a in
            let (ts, tb) = text(a.id)
            return TopLogprob(token: ts, logprob: a.logprob, bytes: tb)
        })
    }
}
