/// One request being generated: its sequence's keys and values, its sampler, constraint and
/// stop strings, and the distribution for its next token. The scheduler advances every
/// session one token per step; a session alone on the engine may decode speculatively.
/// Engine thread only.
final class DecodeSession {
    let request: GenerationRequest
    let parameters: SamplingParameters
    let tokenizer: Tokenizer
    let contextLength: Int
    let vocab: Int
    let prompt: [Int]
    let reused: Int
    var sequence = SequenceKV()
    /// The next token's logits.
    private var logits: [Float]
    private var sampler: Sampler
    private var utf8 = UTF8StreamDecoder()
    private var stops: StopStringMatcher
    private var drafter: PromptLookupDrafter?
    private var constraint: (any TokenConstraint)?
    private var generated = 0
    private(set) var drafted = 0, accepted = 0
    private var finish = FinishReason.length
    private(set) var isFinished = false

    /// Tokenizes, takes cached prompt blocks, prefills the rest. nil when the request was
    /// cancelled meanwhile (its stream is finished).
    init?(request: GenerationRequest, runner: LlamaRunner, tokenizer: Tokenizer, config: LlamaConfig) throws {
        self.request = request
        parameters = request.parameters
        self.tokenizer = tokenizer
        contextLength = config.contextLength
        vocab = config.vocabularySize
        var prompt = tokenizer.encode(request.prompt)
        if prompt.isEmpty {
            guard let bos = tokenizer.bosID else { throw EngineError.emptyPrompt }
            prompt = [bos]
        }
        guard prompt.count < config.contextLength else {
            throw EngineError.promptTooLong(tokens: prompt.count, contextLength: config.contextLength)
        }
        self.prompt = prompt
        // Prefix caching: take the longest run of whole cached blocks of this prompt (any earlier
        // request's), compute the rest. Only blocks that a prompt prefill computed are cached,
        // and the rest starts at a block boundary, so the result is bit-identical to computing
        // the whole prompt: greedy output does not depend on what ran before.
        let pool = runner.kvPool
        let bt = pool.blockTokens
        var cachedBlocks: [Int] = []
        var hash: UInt64 = 0
        for i in 0 ..< (prompt.count - 1) / bt {
            hash = KVBlockPool.chain(hash, prompt[i * bt ..< (i + 1) * bt])
            guard let block = pool.take(hash: hash) else { break }
            cachedBlocks.append(block)
        }
        sequence.adopt(cachedBlocks, in: pool)
        reused = sequence.count
        runner.forward(prompt[reused...], kv: &sequence, wantLogits: true) { request.cancelled.isCancelled }
        sequence.registerFullBlocks(Array(prompt.prefix(sequence.count)), in: pool)
        logits = Array(UnsafeBufferPointer(start: runner.logits, count: config.vocabularySize))
        var system = SystemRandomNumberGenerator()
        sampler = Sampler(parameters: parameters, seed: parameters.seed ?? system.next(), prompt: prompt)
        stops = StopStringMatcher(parameters.stop)
        drafter = parameters.speculates
            ? PromptLookupDrafter(context: prompt, maxDraft: min(parameters.draftTokens, LlamaRunner.maxVerifyTokens - 1)) : nil
        constraint = parameters.constraint?.makeConstraint()
        if request.cancelled.isCancelled {
            sequence.reset(in: pool)
            request.continuation.finish()
            return nil
        }
    }

    /// Chooses and emits the next token. Returns it when the sequence goes on (the caller runs
    /// it through the model); nil when the session has finished (its stream is closed).
    func next(pool: KVBlockPool) -> Int? {
        guard !isFinished else { return nil }
        if request.cancelled.isCancelled || generated >= parameters.maxTokens { return end(pool, quietly: request.cancelled.isCancelled) }
        var chunkLogprobs: [TokenLogprob] = []
        let raw = parameters.topLogprobs == nil ? nil : logits
        if parameters.ignoreEOS {
            for id in tokenizer.endOfGenerationIDs where id < vocab { logits[id] = -Float.infinity }
        }
        let token: Int? = logits.withUnsafeMutableBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            guard let rule = constraint else { return sampler.sample(base, count: vocab) }
            return sampler.sample(base, count: vocab) { id in
                if tokenizer.isEndOfGeneration(id) { return rule.isComplete }
                if tokenizer.isControl(id) { return false }
                let bytes = tokenizer.bytes(of: id)
                return !bytes.isEmpty && rule.allows(bytes)
            }
        }
        guard let token else {
            finish = .stop
            return end(pool)
        }
        if let top = parameters.topLogprobs, let raw {
            let (lp, alts) = raw.withUnsafeBufferPointer { Sampler.logprobs($0.baseAddress!, vocab, chosen: token, top: top) }
            chunkLogprobs = [describe(token, lp, alts)]
        }
        guard emit(token, logprobs: chunkLogprobs, pool: pool) else { return nil }
        if constraint != nil {
            constraint?.advance(tokenizer.bytes(of: token))
            if constraint?.mustStop == true {
                finish = .stop
                return end(pool)
            }
        }
        if sequence.count + 1 >= contextLength {
            finish = .length
            return end(pool)
        }
        if generated >= parameters.maxTokens { return end(pool) }
        return token
    }

    /// Runs `token` when this session is alone on the engine: with prompt lookup, the token and
    /// a draft go through in one pass and the draft is kept up to the first token greedy
    /// decoding would not have chosen; otherwise a plain one-token step.
    func runAlone(_ token: Int, runner: LlamaRunner) {
        let room = min(parameters.maxTokens - generated, contextLength - 1 - sequence.count - 1)
        guard let d = drafter, room > 0, case let draft = d.draft(limit: room), !draft.isEmpty else {
            runner.forward([token][...], kv: &sequence, wantLogits: true)
            logits = Array(UnsafeBufferPointer(start: runner.logits, count: vocab))
            return
        }
        let base = sequence.count
        runner.forwardVerifying([token] + draft, kv: &sequence)
        drafted += draft.count
        var keep = 0
        while keep < draft.count, GenerationEngine.argmax(runner.allLogits + keep * vocab, vocab) == draft[keep] { keep += 1 }
        accepted += keep
        drafter?.record(accepted: keep, of: draft.count)
        // Rows 0 ... keep are the distributions after token, draft[0 ..< keep].
        sequence.truncate(to: base + 1 + keep, in: runner.kvPool)
        logits = Array(UnsafeBufferPointer(start: runner.allLogits + keep * vocab, count: vocab))
        for next in draft.prefix(keep) {
            guard emit(next, logprobs: [], pool: runner.kvPool) else { return }
            if generated >= parameters.maxTokens {
                _ = end(runner.kvPool)
                return
            }
        }
    }

    /// Takes the next-token distribution computed for this session in a batch.
    func take(logits row: UnsafePointer<Float>) {
        logits = Array(UnsafeBufferPointer(start: row, count: vocab))
    }

    /// Emits one chosen token; false when the session ended on it (EOS, stop string, consumer gone).
    private func emit(_ token: Int, logprobs: [TokenLogprob], pool: KVBlockPool) -> Bool {
        if tokenizer.isEndOfGeneration(token) {
            finish = .stop
            _ = end(pool)
            return false
        }
        sampler.accept(token)
        drafter?.append(token)
        generated += 1
        let (text, stopped) = stops.append(utf8.append(tokenizer.bytes(of: token)))
        if stopped {
            finish = .stop
            request.continuation.yield(finalChunk(text, logprobs: logprobs))
            return end(pool, quietly: true) != nil
        }
        if !text.isEmpty || !logprobs.isEmpty {
            if case .terminated = request.continuation.yield(GenerationChunk(text: text, logprobs: logprobs, promptTokens: prompt.count,
                                                                             completionTokens: generated)) {
                return end(pool, quietly: true) != nil
            }
        }
        return true
    }

    /// Closes the session: the last chunk (unless `quietly`), the stream, the sequence's blocks. Returns nil.
    private func end(_ pool: KVBlockPool, quietly: Bool = false) -> Int? {
        guard !isFinished else { return nil }
        isFinished = true
        if !quietly {
            let tail = stops.append(utf8.flush()).emit + stops.flush()
            request.continuation.yield(finalChunk(tail, logprobs: []))
        }
        request.continuation.finish()
        sequence.reset(in: pool)
        return nil
    }

    private func finalChunk(_ text: String, logprobs: [TokenLogprob]) -> GenerationChunk {
        var last = GenerationChunk(text: text, logprobs: logprobs, finishReason: finish, promptTokens: prompt.count,
                                   completionTokens: generated)
        last.draftedTokens = drafted
        last.acceptedDraftTokens = accepted
        last.cachedPromptTokens = reused
        return last
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
