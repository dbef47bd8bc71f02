import Foundation
import Synchronization

/// The built-in text embedder: a sentence-transformers BERT model (all-MiniLM-L6-v2) run in
/// Swift, giving unit-length vectors (mean pooling, L2 norm) that match sentence-transformers.
///
/// Thread-safe; concurrent `embed` calls take turns, since each already uses every compute thread.
public final class SentenceEmbedder: Sendable {
    public let name: String
    public let dimensions: Int
    /// Longest input in tokens including `[CLS]`/`[SEP]` (sentence-transformers' max_seq_length);
    /// longer texts are truncated.
    public let maxTokens: Int
    /// The model's position table size, the hard upper bound for `maxTokens`.
    public let maxPositions: Int
    public let tokenizer: WordPieceTokenizer
    private let encoder: BertEncoder
    private let pool: Mutex<ComputePool>

    /// Tokens per forward pass: bounds scratch memory (about 20 KB per token) for big batches.
    static let maxTokensPerPass = 4096

    public init(modelDirectory: String, threads: Int = 2) throws(EmbedderError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: modelDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .modelDirectoryNotFound(path: modelDirectory)
        }
        let dir = URL(fileURLWithPath: modelDirectory)
        func file(_ relative: String) throws(EmbedderError) -> String {
            let path = dir.appendingPathComponent(relative).path
            guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path: path) }
            return path
        }
        let config = try BertConfig(path: try file("config.json"))
        do {
            tokenizer = try WordPieceTokenizer(path: try file("tokenizer.json"))
        } catch let error as TokenizerError {
            throw .tokenizer(error)
        } catch let error as EmbedderError {
            throw error
        } catch {
            throw .unsupportedModel(reason: "\(error)")
        }
        let weightsFile: SafetensorsFile
        let weights: BertWeights
        do {
            weightsFile = try SafetensorsFile(path: try file("model.safetensors"))
            weights = try BertWeights(file: weightsFile, config: config)
        } catch let error as SafetensorsError {
            throw .weights(error)
        } catch let error as EmbedderError {
            throw error
        } catch {
            throw .unsupportedModel(reason: "\(error)")
        }
        guard tokenizer.vocabularySize <= config.vocabularySize else {
            throw .unsupportedModel(reason: "tokenizer has \(tokenizer.vocabularySize) ids, the model's embedding table \(config.vocabularySize)")
        }
        try Self.checkPooling(dir.appendingPathComponent("1_Pooling/config.json").path)
        maxPositions = config.maxPositions
        maxTokens = min(Self.maxSequenceLength(dir.appendingPathComponent("sentence_bert_config.json").path) ?? 256,
                        config.maxPositions)
        dimensions = config.hiddenSize
        name = dir.lastPathComponent.lowercased()
        encoder = BertEncoder(config: config, weights: weights)
        pool = Mutex(ComputePool(threads: threads))
    }

    /// Unit-length embeddings, one per text, in order. Empty input gives an empty result.
    public func embed(_ texts: [String]) throws -> [[Float]] {
        let sequences = texts.map { tokenizer.encode($0, maxLength: maxTokens) }
        // Longest first keeps similar lengths together in a pass; order is restored below.
        let order = sequences.indices.sorted { sequences[$0].count > sequences[$1].count }
        var result = [[Float]](repeating: [], count: texts.count)
        var batch: [Int] = []
        var batchTokens = 0
        func flush() {
            guard !batch.isEmpty else { return }
            let vectors = pool.withLock { pool in encoder.embed(batch.map { sequences[$0] }, pool: pool) }
            for (i, v) in zip(batch, vectors) { result[i] = v }
            batch.removeAll(keepingCapacity: true)
            batchTokens = 0
        }
        for i in order {
            if batchTokens + sequences[i].count > Self.maxTokensPerPass { flush() }
            batch.append(i)
            batchTokens += sequences[i].count
        }
        flush()
        return result
    }

    /// `embed(_:)` on a dedicated thread, so an async caller does not hold one of Swift's
    /// few cooperative threads for the whole batch.
    public func embedOnDedicatedThread(_ texts: [String]) async throws -> [[Float]] {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[[Float]], Error>) in
            let thread = Thread { [self] in
                continuation.resume(with: Result { try self.embed(texts) as [[Float]] })
            }
            thread.name = "strata-embed"
            thread.start()
        }
    }

    /// Subword tokens in `text` (no special tokens, no truncation), for chunk budgets.
    public func tokenCount(_ text: String) -> Int { tokenizer.tokenCount(text) }

    private static func checkPooling(_ path: String) throws(EmbedderError) {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw .invalidConfig(path: path, reason: "not a JSON object")
        }
        if let mean = object["pooling_mode_mean_tokens"] as? Bool, !mean {
            throw .unsupportedModel(reason: "pooling other than mean tokens (\(path))")
        }
    }

    private static func maxSequenceLength(_ path: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: path),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
        return (object["max_seq_length"] as? NSNumber)?.intValue
    }
}
