@testable import StrataEngine

/// A few-KB Llama GGUF with random F32 weights and a byte-level vocabulary, for tests that
/// need a structurally valid model but not a good one.
enum TinyModel {
    static let dim = 32, hidden = 64, layers = 2, heads = 2, kvHeads = 1

    static func writer(architecture: String = "llama", seed: UInt64 = 1, skipTensor: String? = nil,
                       overrideShape: (String, [Int])? = nil, q5_0Tensor: String? = nil) -> GGUFWriter {
        var rng = TestRNG(seed: seed)
        var w = GGUFWriter()
        let a = architecture
        w.set("general.architecture", .string(a))
        w.set("general.name", .string("tiny"))
        w.set("\(a).context_length", .uint32(128))
        w.set("\(a).embedding_length", .uint32(UInt32(dim)))
        w.set("\(a).block_count", .uint32(UInt32(layers)))
        w.set("\(a).feed_forward_length", .uint32(UInt32(hidden)))
        w.set("\(a).attention.head_count", .uint32(UInt32(heads)))
        w.set("\(a).attention.head_count_kv", .uint32(UInt32(kvHeads)))
        w.set("\(a).rope.freq_base", .float32(10000))
        w.set("\(a).attention.layer_norm_rms_epsilon", .float32(1e-5))
        // Vocabulary: the 256 byte symbols, a few merges, and two control tokens.
        var tokens = (0 ..< 256).map { String(ByteLevelAlphabet.byteToScalar[$0]) }
        tokens += ["he", "ll", "hell", "hello", "<|im_start|>", "<|im_end|>"]
        let types = [Int](repeating: 1, count: 260) + [3, 3]
        w.set("tokenizer.ggml.model", .string("gpt2"))
        w.set("tokenizer.ggml.pre", .string("smollm"))
        w.set("tokenizer.ggml.tokens", .array(tokens.map { .string($0) }))
        w.set("tokenizer.ggml.token_type", .array(types.map { .int32(Int32($0)) }))
        w.set("tokenizer.ggml.merges", .array(["h e", "l l", "he ll", "hell o"].map { .string($0) }))
        w.set("tokenizer.ggml.bos_token_id", .uint32(260))
        w.set("tokenizer.ggml.eos_token_id", .uint32(261))
        w.set("tokenizer.chat_template", .string("{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"))
        let vocab = tokens.count
        func add(_ name: String, _ dims: [Int], scale: Float = 0.3) {
            guard name != skipTensor else { return }
            if name == q5_0Tensor {
                // A type the GGUF reader knows but the engine has no kernels for.
                let blocks = dims.reduce(1, *) / 32
                w.addTensor(name, dims: dims, type: .q5_0, bytes: [UInt8](repeating: 0, count: blocks * 22))
                return
            }
            let d = overrideShape?.0 == name ? overrideShape!.1 : dims
            let n = d.reduce(1, *)
            w.addTensor(name, dims: d, floats: (0 ..< n).map { _ in rng.float(-scale, scale) })
        }
        add("token_embd.weight", [dim, vocab], scale: 1)
        for l in 0 ..< layers {
            let p = "blk.\(l)."
            add(p + "attn_norm.weight", [dim])
            add(p + "attn_q.weight", [dim, dim])
            add(p + "attn_k.weight", [dim, dim / heads * kvHeads])
            add(p + "attn_v.weight", [dim, dim / heads * kvHeads])
            if architecture == "qwen2" { // Qwen2 has Q/K/V biases and rotates halves
                add(p + "attn_q.bias", [dim])
                add(p + "attn_k.bias", [dim / heads * kvHeads])
                add(p + "attn_v.bias", [dim / heads * kvHeads])
            }
            add(p + "attn_output.weight", [dim, dim])
            add(p + "ffn_norm.weight", [dim])
            add(p + "ffn_gate.weight", [dim, hidden])
            add(p + "ffn_up.weight", [dim, hidden])
            add(p + "ffn_down.weight", [hidden, dim])
        }
        add("output_norm.weight", [dim])
        return w
    }

    static func path(_ name: String = "tiny.gguf", _ w: GGUFWriter = writer()) throws -> String {
        try TestFiles.write(w.data(), name: name)
    }
}
