/// One queued `generate` call.
struct GenerationRequest: Sendable {
    var prompt: String
    var parameters: SamplingParameters
    var continuation: AsyncThrowingStream<GenerationChunk, any Error>.Continuation
    var cancelled: CancellationFlag
}

/// Runs generation requests on its engine thread: tokenize, prefill (reusing the cached
/// prefix of the previous request), then sample and decode token by token, streaming chunks.
/// The runner, compute pool and KV cache are touched only from the engine thread.
final class GenerationEngine: @unchecked Sendable {
    private let file: GGUFFile // keeps the mapped weights alive
    private let config: LlamaConfig
    private let weights: LlamaWeights
    private let tokenizer: Tokenizer
    private let threads: Int
    private let thread = EngineThread()
    // Engine-thread state.
    private var runner: LlamaRunner?
    private var sequence = SequenceKV()
    private var cachedTokens: [Int] = []

    init(file: GGUFFile, config: LlamaConfig, weights: LlamaWeights, tokenizer: Tokenizer, threads: Int) {
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
        let runner = self.runner ?? LlamaRunner(config: config, weights: weights, pool: ComputePool(threads: threads))
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

        // Reuse the KV entries of the longest common prefix with the previous request;
        // at least one token must run to produce logits.
        var common = 0
        while common < min(prompt.count - 1, cachedTokens.count, sequence.count) && prompt[common] == cachedTokens[common] { common += 1 }
        sequence.truncate(to: common, in: runner.kvPool)
        cachedTokens = Array(prompt[0 ..< common])
        runner.forward(prompt[common...], kv: &sequence, wantLogits: true) { request.cancelled.isCancelled }
        cachedTokens = Array(prompt.prefix(sequence.count))
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
                out.yield(GenerationChunk(text: text, logprobs: logprobs, finishReason: .stop, promptTokens: prompt.count,
                                          completionTokens: generated))
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
            let token: Int
            if let top = p.topLogprobs {
                // Log-probabilities come from the model's raw distribution, before penalties.
                let raw = Array(UnsafeBufferPointer(start: runner.logits, count: vocab))
                token = sampler.sample(runner.logits, count: vocab)
                let (lp, alts) = raw.withUnsafeBufferPointer { Sampler.logprobs($0.baseAddress!, vocab, chosen: token, top: top) }
                logprobs = [describe(token, lp, alts)]
            } else {
                token = sampler.sample(runner.logits, count: vocab)
            }
            guard emit(token, logprobs: logprobs) else { break }
            if sequence.count + 1 >= config.contextLength { finish = .length; break }
            if generated >= p.maxTokens { break }

            // Prompt lookup: draft what followed the last few tokens the previous time they
            // occurred, run the token and the draft in one pass, keep the draft up to the first
            // token greedy decoding would not have chosen.
            let room = min(p.maxTokens - generated, config.contextLength - 1 - sequence.count - 1)
            if let d = drafter, room > 0, case let draft = d.draft(limit: room), !draft.isEmpty {
                let base = sequence.count
                runner.forwardVerifying([token] + draft, kv: &sequence)
                cachedTokens.append(token)
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
                    cachedTokens.append(next)
                    if generated >= p.maxTokens { break decoding }
                }
                continue
            }
            runner.forward([token][...], kv: &sequence, wantLogits: true)
            cachedTokens.append(token)
        }
        if stopString || consumerGone {
            cachedTokens = Array(cachedTokens.prefix(sequence.count))
            out.finish()
            return
        }
        // The last sampled token never ran through the model; drop it from the cache record.
        cachedTokens = Array(cachedTokens.prefix(sequence.count))
        let tail = stops.append(utf8.flush()).emit + stops.flush()
        var last = GenerationChunk(text: tail, finishReason: finish, promptTokens: prompt.count, completionTokens: generated)
        last.draftedTokens = drafted
        last.acceptedDraftTokens = accepted
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
