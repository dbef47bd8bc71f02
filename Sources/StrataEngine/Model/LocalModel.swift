import Synchronization

/// A GGUF Llama-family model served on the CPU: tokenizer, chat template and generation.
/// Generation runs on a dedicated engine thread with its own compute pool; concurrent
/// requests are served one after another.
public final class LocalModel: Sendable {
    public let file: GGUFFile
    public let config: LlamaConfig
    public let tokenizer: Tokenizer
    let weights: LlamaWeights
    /// The parsed `tokenizer.chat_template`; a template this interpreter cannot parse does not
    /// stop the model from loading, its error surfaces from `renderChat`.
    let chatTemplateResult: Result<ChatTemplate, TemplateError>?
    var chatTemplate: ChatTemplate? { try? chatTemplateResult?.get() }
    let path: String
    let threads: Int
    let kvCacheBytes: Int
    let exactBatching: Bool
    private let engine: Mutex<GenerationEngine?>

    /// Opens and validates a model; throws `GGUFError`/`TokenizerError` describing what is wrong.
    /// - Parameter kvCacheBytes: key/value memory, shared by the running sequence and the prefix cache.
    /// - Parameter exactBatching: batched tokens get the one-token arithmetic (answers never
    ///   depend on what they ran with); false uses the faster tiled kernels for batches.
    public init(path: String, threads: Int = 2, kvCacheBytes: Int = 512 << 20, exactBatching: Bool = true) throws {
        self.kvCacheBytes = kvCacheBytes
        self.exactBatching = exactBatching
        file = try GGUFFile(path: path)
        tokenizer = try Tokenizer(gguf: file)
        var vocab = tokenizer.vocabularySize
        if let t = file.tensor(named: "token_embd.weight"), t.dimensions.count == 2 { vocab = t.dimensions[1] }
        config = try LlamaConfig(gguf: file, vocabularySize: vocab)
        weights = try LlamaWeights(gguf: file, config: config)
        chatTemplateResult = file.metadata["tokenizer.chat_template"]?.stringValue.map { source in
            Result { () throws(TemplateError) in try ChatTemplate(source) }
        }
        self.path = path
        self.threads = max(1, threads)
        engine = Mutex(nil)
    }

    deinit {
        engine.withLock { $0?.shutdown() }
    }

    /// `general.name`, or the file name without extension.
    public var name: String {
        if let n = file.metadata["general.name"]?.stringValue, !n.isEmpty { return n }
        let base = path.split(separator: "/").last.map(String.init) ?? path
        return base.hasSuffix(".gguf") ? String(base.dropLast(5)) : base
    }

    public var contextLength: Int { config.contextLength }

    /// Renders the conversation with the model's own `tokenizer.chat_template`.
    public func renderChat(_ turns: [ChatTurn], addGenerationPrompt: Bool = true) throws -> String {
        guard let chatTemplate = try chatTemplateResult?.get() else { throw EngineError.noChatTemplate }
        let bos = tokenizer.bosID.map { tokenizer.tokens[$0] } ?? ""
        let eos = tokenizer.eosID.map { tokenizer.tokens[$0] } ?? ""
        return try chatTemplate.render(messages: turns, addGenerationPrompt: addGenerationPrompt, bosToken: bos, eosToken: eos)
    }

    /// Tokens `text` takes as a prompt (including a BOS token if the model adds one).
    public func countTokens(_ text: String) -> Int {
        tokenizer.encode(text).count
    }

    /// The engine's counters (nil before the first generation).
    public var engineStats: EngineStats? { engine.withLock { $0?.stats.withLock { $0 } } }

    /// The most sequences the engine has decoded in one step.
    public var peakBatchSize: Int { engine.withLock { $0?.peakBatch.load(ordering: .relaxed) ?? 0 } }

    /// Streams the completion of `prompt` (special tokens in it are honoured). Stopping the
    /// iteration or cancelling the consuming task stops generation within one token.
    public func generate(prompt: String, parameters: SamplingParameters) -> AsyncThrowingStream<GenerationChunk, any Error> {
        let (stream, continuation) = AsyncThrowingStream<GenerationChunk, any Error>.makeStream(bufferingPolicy: .unbounded)
        let cancelled = CancellationFlag()
        continuation.onTermination = { _ in cancelled.cancel() }
        let engine = self.engine.withLock { e -> GenerationEngine in
            if let e { return e }
            let created = GenerationEngine(file: file, config: config, weights: weights, tokenizer: tokenizer, threads: threads,
                                           kvCacheBytes: kvCacheBytes, exactBatching: exactBatching)
            e = created
            return created
        }
        let request = GenerationRequest(prompt: prompt, parameters: parameters, continuation: continuation, cancelled: cancelled)
        engine.submit(request)
        return stream
    }
}

/// Set when the consumer of a stream goes away.
final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func cancel() { flag.store(true, ordering: .relaxed) }
    var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
