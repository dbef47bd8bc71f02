import XCTest
@testable import StrataEngine

final class LocalModelTests: XCTestCase {
    static let smol: Result<LocalModel, Error> = Result { try LocalModel(path: TestFiles.smolLM2()) }

    static func collect(_ m: LocalModel, _ prompt: String, _ p: SamplingParameters) async throws -> (String, [GenerationChunk]) {
        var chunks: [GenerationChunk] = []
        for try await c in m.generate(prompt: prompt, parameters: p) { chunks.append(c) }
        return (chunks.map(\.text).joined(), chunks)
    }

    func testTinyModelLoadsAndGenerates() async throws {
        let m = try LocalModel(path: TinyModel.path())
        XCTAssertEqual(m.name, "tiny")
        XCTAssertEqual(m.contextLength, 128)
        XCTAssertEqual(m.countTokens("hello"), 1)
        var p = SamplingParameters()
        p.maxTokens = 5
        p.seed = 3
        let (_, chunks) = try await Self.collect(m, "hello", p)
        let last = try XCTUnwrap(chunks.last)
        XCTAssertNotNil(last.finishReason)
        XCTAssertTrue(chunks.dropLast().allSatisfy { $0.finishReason == nil })
        XCTAssertEqual(last.promptTokens, 1)
        XCTAssertLessThanOrEqual(last.completionTokens, 5)
    }

    func testBadModelsGivePreciseErrors() throws {
        XCTAssertThrowsError(try LocalModel(path: TinyModel.path("arch.gguf", TinyModel.writer(architecture: "mamba")))) {
            XCTAssertEqual($0 as? GGUFError, .unsupportedArchitecture("mamba"))
        }
        XCTAssertThrowsError(try LocalModel(path: TinyModel.path("missing.gguf", TinyModel.writer(skipTensor: "blk.1.ffn_up.weight")))) {
            XCTAssertEqual($0 as? GGUFError, .missingTensor("blk.1.ffn_up.weight"))
        }
        XCTAssertThrowsError(try LocalModel(path: TinyModel.path("q5.gguf", TinyModel.writer(q5_0Tensor: "blk.0.ffn_gate.weight")))) {
            XCTAssertEqual($0 as? GGUFError, .unsupportedTensorType(tensor: "blk.0.ffn_gate.weight", type: "Q5_0"))
        }
        XCTAssertThrowsError(try LocalModel(path: TinyModel.path("shape.gguf", TinyModel.writer(overrideShape: ("blk.0.attn_q.weight", [32, 16]))))) {
            XCTAssertEqual($0 as? GGUFError, .tensorShapeMismatch(tensor: "blk.0.attn_q.weight", expected: [32, 32], found: [32, 16]))
        }
    }

    /// Corrupted model files must fail with an error or still run, never crash.
    func testCorruptedTinyModelsNeverCrash() async throws {
        let original = TinyModel.writer().data()
        let headerEnd = try GGUFFile(path: TinyModel.path("fuzz-base.gguf")).dataOffset
        var rng = TestRNG(seed: 77)
        var loaded = 0
        for i in 0 ..< 120 {
            var bytes = original
            // Mostly the header (metadata and tensor directory), sometimes the weights.
            let at = i % 4 == 0 ? rng.int(bytes.count) : rng.int(headerEnd)
            bytes[at] = i % 3 == 0 ? rng.byte() : bytes[at] ^ (1 << UInt8(rng.int(8)))
            let path = try TestFiles.write(bytes, name: "fuzz-\(i).gguf")
            guard let m = try? LocalModel(path: path) else { continue }
            loaded += 1
            var p = SamplingParameters()
            p.maxTokens = 2
            p.seed = 1
            _ = try? await Self.collect(m, "hello", p)
            _ = try? m.renderChat([ChatTurn(role: "user", content: "hi")])
        }
        XCTAssertGreaterThan(loaded, 0)
    }

    /// Prefill in one chunk, in several chunks, and token by token must give the same logits.
    func testChunkedAndIncrementalForwardAgree() throws {
        for arch in ["llama", "qwen2"] {
            try checkChunkedAndIncrementalForwardAgree(architecture: arch)
        }
    }

    func checkChunkedAndIncrementalForwardAgree(architecture: String) throws {
        let m = try LocalModel(path: TinyModel.path("tiny-\(architecture).gguf", TinyModel.writer(architecture: architecture)))
        XCTAssertEqual(m.config.ropeStyle, architecture == "qwen2" ? .halves : .adjacentPairs)
        XCTAssertEqual(m.weights.layers[0].qBias != nil, architecture == "qwen2")
        let tokens = Array(0 ..< 70).map { ($0 * 37) % 262 }
        func logits(chunk: Int, stepwise: Bool) -> [Float] {
            let r = LlamaRunner(config: m.config, weights: m.weights, pool: ComputePool(threads: 2), maxChunk: chunk)
            var kv = SequenceKV()
            if stepwise {
                for t in tokens { r.forward([t][...], kv: &kv, wantLogits: true) }
            } else {
                r.forward(tokens[...], kv: &kv, wantLogits: true)
            }
            XCTAssertEqual(kv.count, tokens.count)
            return Array(UnsafeBufferPointer(start: r.logits, count: m.config.vocabularySize))
        }
        let a = logits(chunk: 64, stepwise: false), b = logits(chunk: 5, stepwise: false), c = logits(chunk: 64, stepwise: true)
        for i in 0 ..< a.count {
            XCTAssertEqual(a[i], b[i], accuracy: 1e-3 * max(1, abs(a[i])))
            XCTAssertEqual(a[i], c[i], accuracy: 1e-3 * max(1, abs(a[i])))
        }
    }

    /// Decoding after a long prompt splits attention over threads and position ranges; the
    /// logits must match running the same token inside a prefill chunk. Float kernels: with
    /// int8 activations a 1e-6 difference can flip a rounding step and move logits by ~0.05.
    func testSplitDecodeAttentionMatchesPrefill() throws {
        let m = try Self.smol.get()
        Int8MatrixMultiply.enabled = false
        defer { Int8MatrixMultiply.enabled = true }
        let tokens = m.tokenizer.encode(String(repeating: "The history of the printing press is long and varied. ", count: 25))
        XCTAssertGreaterThan(tokens.count, 4 * 64) // the split needs at least 4 cache blocks
        func logits(_ steps: [ArraySlice<Int>]) -> [Float] {
            let r = LlamaRunner(config: m.config, weights: m.weights, pool: ComputePool(threads: 2))
            var kv = SequenceKV()
            for s in steps { r.forward(s, kv: &kv, wantLogits: true) }
            return Array(UnsafeBufferPointer(start: r.logits, count: m.config.vocabularySize))
        }
        let n = tokens.count
        let a = logits([tokens[0 ..< n - 2], tokens[n - 2 ..< n]]) // last two in one chunk: unsplit
        let b = logits([tokens[0 ..< n - 2], tokens[n - 2 ..< n - 1], tokens[n - 1 ..< n]]) // decode: split
        for i in 0 ..< a.count { XCTAssertEqual(a[i], b[i], accuracy: 1e-3 * max(1, abs(a[i]))) }
    }

    func testSmolLM2GreedyAnswersCoherently() async throws {
        let m = try Self.smol.get()
        XCTAssertEqual(m.contextLength, 8192)
        XCTAssertFalse(m.name.isEmpty)
        let prompt = try m.renderChat([ChatTurn(role: "user", content: "What is the capital of France? Answer in one word.")])
        var p = SamplingParameters()
        p.temperature = 0
        p.maxTokens = 30
        let (text, chunks) = try await Self.collect(m, prompt, p)
        XCTAssertTrue(text.contains("Paris"), text)
        XCTAssertEqual(chunks.last?.finishReason, .stop)
        XCTAssertEqual(chunks.last?.promptTokens, m.countTokens(prompt))
        // The same request again reuses the cached prompt and must give the same answer.
        let (again, _) = try await Self.collect(m, prompt, p)
        XCTAssertEqual(again, text)
    }

    /// The int8 kernels quantize activations; the logits must stay close to the float kernels'.
    func testInt8AndFloatKernelsGiveTheSameLogits() throws {
        let m = try Self.smol.get()
        let prompt = m.tokenizer.encode(try m.renderChat([ChatTurn(role: "user", content: "What is the capital of France?")]))
        func logits(int8: Bool) -> [Float] {
            Int8MatrixMultiply.enabled = int8
            defer { Int8MatrixMultiply.enabled = true }
            let r = LlamaRunner(config: m.config, weights: m.weights, pool: ComputePool(threads: 2))
            var kv = SequenceKV()
            r.forward(prompt[...], kv: &kv, wantLogits: true)
            return Array(UnsafeBufferPointer(start: r.logits, count: m.config.vocabularySize))
        }
        let a = logits(int8: false), b = logits(int8: true)
        var dot: Float = 0, na: Float = 0, nb: Float = 0
        for i in 0 ..< a.count { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i] }
        XCTAssertGreaterThan(dot / (na * nb).squareRoot(), 0.999)
        let topA = Set(a.indices.sorted { a[$0] > a[$1] }.prefix(5)), topB = Set(b.indices.sorted { b[$0] > b[$1] }.prefix(5))
        XCTAssertGreaterThanOrEqual(topA.intersection(topB).count, 4)
    }

    func testSeedStopMaxTokensAndLogprobs() async throws {
        let m = try Self.smol.get()
        let prompt = try m.renderChat([ChatTurn(role: "user", content: "Tell me a story about a dragon.")])
        var p = SamplingParameters()
        p.seed = 42
        p.temperature = 0.9
        p.maxTokens = 12
        p.topLogprobs = 2
        let (a, chunks) = try await Self.collect(m, prompt, p)
        let (b, _) = try await Self.collect(m, prompt, p)
        XCTAssertEqual(a, b)
        XCTAssertEqual(chunks.last?.finishReason, .length)
        XCTAssertEqual(chunks.last?.completionTokens, 12)
        let lps = chunks.flatMap(\.logprobs)
        XCTAssertEqual(lps.count, 12)
        XCTAssertTrue(lps.allSatisfy { $0.top.count == 2 && $0.logprob <= 0 && $0.top[0].logprob >= $0.top[1].logprob })
        XCTAssertEqual(lps.map(\.bytes).joined().count, Array(a.utf8).count)

        // A stop string taken from the seeded output cuts it right before.
        let words = a.split(separator: " ")
        guard words.count > 3 else { return }
        let stopWord = String(words[2])
        p.stop = [stopWord]
        p.topLogprobs = nil
        let (c, cChunks) = try await Self.collect(m, prompt, p)
        XCTAssertFalse(c.contains(stopWord), c)
        XCTAssertTrue(a.hasPrefix(c))
        XCTAssertEqual(cChunks.last?.finishReason, .stop)
    }

    func testConcurrentRequestsAreServedOneAfterAnother() async throws {
        let m = try LocalModel(path: TinyModel.path("tiny-concurrent.gguf"))
        var p = SamplingParameters()
        p.temperature = 0
        p.maxTokens = 6
        let prompts = ["hello", "he", "hell", "<|im_start|>hello"]
        let params = p
        let alone = try await prompts.asyncMap { try await Self.collect(m, $0, params).0 }
        let together = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (i, prompt) in prompts.enumerated() {
                group.addTask { (i, try await LocalModelTests.collect(m, prompt, params).0) }
            }
            var out = [String](repeating: "", count: prompts.count)
            for try await (i, text) in group { out[i] = text }
            return out
        }
        XCTAssertEqual(together, alone)
    }

    func testCancellationStopsPromptlyAndEngineStaysUsable() async throws {
        let m = try Self.smol.get()
        var p = SamplingParameters()
        p.temperature = 0
        p.maxTokens = 2000
        var received = 0
        for try await c in m.generate(prompt: "Count from one to a thousand:", parameters: p) {
            if !c.text.isEmpty { received += 1 }
            if received == 3 { break }
        }
        p.maxTokens = 3
        let (_, chunks) = try await Self.collect(m, "Hello", p)
        XCTAssertEqual(chunks.last?.completionTokens, 3)
    }
}

extension Array {
    func asyncMap<T>(_ f: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for e in self { out.append(try await f(e)) }
        return out
    }
}
