/// Text ⇄ token ids for a GGUF model, built from its `tokenizer.ggml.*` metadata: GPT-2
/// byte-level BPE (SmolLM2, Qwen2, Llama 3) or SentencePiece BPE (Llama 1/2, Mistral).
/// Immutable after init, shared by all requests.
public final class Tokenizer: Sendable {
    public enum Kind: Sendable, Equatable { case byteLevelBPE, sentencePiece }

    /// ggml token types (llama.cpp's `llama_token_type`).
    enum TokenType: Int { case undefined = 0, normal = 1, unknown = 2, control = 3, userDefined = 4, unused = 5, byte = 6 }

    public let kind: Kind
    public let tokens: [String]
    public let bosID: Int?
    public let eosID: Int?
    public let addBOS: Bool
    /// Tokens that end generation (EOS, EOT, EOM).
    public let endOfGenerationIDs: Set<Int>
    let types: [TokenType]
    let scores: [Float]
    let tokenIDs: [String: Int]
    /// Bytes each token stands for when decoded; control tokens decode to nothing.
    let tokenBytes: [[UInt8]]
    let preTokenizer: PreTokenizer
    /// BPE merges: (left id, right id) → (rank, merged id).
    let merges: [UInt64: (rank: Int32, id: Int32)]
    /// Control and user-defined tokens matched verbatim in text, grouped by first byte, longest first.
    let specials: [UInt8: [(bytes: [UInt8], id: Int)]]
    let addSpacePrefix: Bool
    let unknownID: Int?
    let byteTokenIDs: [Int?]
    /// Byte-level BPE: the token of each single byte's printable symbol.
    let byteSymbolIDs: [Int?]

    public var vocabularySize: Int { tokens.count }

    public convenience init(gguf: GGUFFile) throws {
        let model = try gguf.string("tokenizer.ggml.model")
        let tokens = try gguf.stringArray("tokenizer.ggml.tokens")
        let types = gguf.metadata["tokenizer.ggml.token_type"] != nil ? try gguf.intArray("tokenizer.ggml.token_type") : []
        let scores = gguf.metadata["tokenizer.ggml.scores"] != nil ? try gguf.floatArray("tokenizer.ggml.scores") : []
        let merges = gguf.metadata["tokenizer.ggml.merges"] != nil ? try gguf.stringArray("tokenizer.ggml.merges") : []
        func optInt(_ k: String) -> Int? { gguf.metadata[k]?.intValue }
        var eog: [Int] = []
        for k in ["tokenizer.ggml.eos_token_id", "tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id"] {
            if let v = optInt(k) { eog.append(v) }
        }
        try self.init(
            model: model, tokens: tokens, types: types, scores: scores, merges: merges,
            pre: gguf.metadata["tokenizer.ggml.pre"]?.stringValue,
            bosID: optInt("tokenizer.ggml.bos_token_id"), eosID: optInt("tokenizer.ggml.eos_token_id"),
            unknownID: optInt("tokenizer.ggml.unknown_token_id"), endOfGeneration: eog,
            addBOS: gguf.metadata["tokenizer.ggml.add_bos_token"]?.boolValue,
            addSpacePrefix: gguf.metadata["tokenizer.ggml.add_space_prefix"]?.boolValue)
    }

    public init(
        model: String, tokens: [String], types rawTypes: [Int], scores: [Float], merges mergeStrings: [String],
        pre: String?, bosID: Int?, eosID: Int?, unknownID: Int? = nil, endOfGeneration: [Int] = [],
        addBOS: Bool? = nil, addSpacePrefix: Bool? = nil
    ) throws {
        switch model {
        case "gpt2": kind = .byteLevelBPE
        case "llama": kind = .sentencePiece
        default: throw TokenizerError.unsupportedModel(model)
        }
        guard !tokens.isEmpty else { throw TokenizerError.inconsistentVocabulary("no tokens") }
        guard rawTypes.isEmpty || rawTypes.count == tokens.count else {
            throw TokenizerError.inconsistentVocabulary("\(rawTypes.count) token types for \(tokens.count) tokens")
        }
        guard scores.isEmpty || scores.count == tokens.count else {
            throw TokenizerError.inconsistentVocabulary("\(scores.count) scores for \(tokens.count) tokens")
        }
        for (name, id) in [("bos", bosID), ("eos", eosID), ("unknown", unknownID)] {
            if let id, id < 0 || id >= tokens.count {
                throw TokenizerError.inconsistentVocabulary("\(name) token id \(id) outside vocabulary of \(tokens.count)")
            }
        }
        self.tokens = tokens
        self.bosID = bosID
        self.eosID = eosID
        self.unknownID = unknownID
        self.addBOS = addBOS ?? (kind == .sentencePiece)
        self.addSpacePrefix = addSpacePrefix ?? (kind == .sentencePiece)
        self.scores = scores
        preTokenizer = PreTokenizer(ggmlName: pre)
        let types = rawTypes.isEmpty ? [TokenType](repeating: .normal, count: tokens.count)
            : rawTypes.map { TokenType(rawValue: $0) ?? .normal }
        self.types = types
        var eog = Set(endOfGeneration.filter { $0 >= 0 && $0 < tokens.count })
        if let eosID { eog.insert(eosID) }
        // Chat models often mark end of turn with a control token that is not the declared EOS.
        var ids: [String: Int] = [:]
        ids.reserveCapacity(tokens.count)
        for (i, t) in tokens.enumerated() where ids[t] == nil { ids[t] = i }
        for name in ["<|im_end|>", "<|eot_id|>", "<|end|>", "<end_of_turn>", "<|endoftext|>"] {
            if let id = ids[name], types[id] == .control { eog.insert(id) }
        }
        endOfGenerationIDs = eog
        tokenIDs = ids

        var bytes: [[UInt8]] = []
        bytes.reserveCapacity(tokens.count)
        var byteIDs = [Int?](repeating: nil, count: 256)
        for (i, t) in tokens.enumerated() {
            switch types[i] {
            case .control, .unused: bytes.append([])
            case .userDefined: bytes.append(Array(t.utf8))
            case .byte where kind == .sentencePiece:
                let b = Self.parseByteToken(t)
                if let b { byteIDs[Int(b)] = i }
                bytes.append(b.map { [$0] } ?? Array(t.utf8))
            default:
                if kind == .byteLevelBPE {
                    bytes.append(ByteLevelAlphabet.decode(t) ?? Array(t.utf8))
                } else {
                    bytes.append(Array(Self.replacing(t, "\u{2581}", with: " ").utf8))
                }
            }
        }
        tokenBytes = bytes
        byteTokenIDs = byteIDs
        byteSymbolIDs = (0 ..< 256).map { ids[String(ByteLevelAlphabet.byteToScalar[$0])] }

        var mergeTable: [UInt64: (rank: Int32, id: Int32)] = [:]
        if kind == .byteLevelBPE {
            mergeTable.reserveCapacity(mergeStrings.count)
            for (rank, m) in mergeStrings.enumerated() {
                guard let space = m.firstIndex(of: " ") else { continue }
                let a = String(m[..<space]), b = String(m[m.index(after: space)...])
                guard let ia = ids[a], let ib = ids[b], let ic = ids[a + b] else { continue }
                let key = UInt64(ia) << 32 | UInt64(ib)
                if mergeTable[key] == nil { mergeTable[key] = (Int32(rank), Int32(ic)) }
            }
        }
        merges = mergeTable

        var sp: [UInt8: [(bytes: [UInt8], id: Int)]] = [:]
        for (i, t) in tokens.enumerated() where types[i] == .control || types[i] == .userDefined {
            let u = Array(t.utf8)
            guard let f = u.first else { continue }
            sp[f, default: []].append((u, i))
        }
        for k in sp.keys { sp[k]?.sort { $0.bytes.count > $1.bytes.count } }
        specials = sp
    }

    static func replacing(_ s: String, _ a: Unicode.Scalar, with b: Unicode.Scalar) -> String {
        var v = String.UnicodeScalarView()
        for c in s.unicodeScalars { v.append(c == a ? b : c) }
        return String(v)
    }

    static func parseByteToken(_ t: String) -> UInt8? {
        let u = Array(t.utf8)
        guard u.count == 6, t.hasPrefix("<0x"), t.hasSuffix(">") else { return nil }
        return UInt8(String(decoding: u[3 ..< 5], as: UTF8.self), radix: 16)
    }

    public func id(of token: String) -> Int? { tokenIDs[token] }

    /// Token ids for `text`. With `parseSpecial`, control tokens written in the text (such as
    /// `<|im_start|>` from a chat template) become their ids instead of being spelled out.
    public func encode(_ text: String, addBOS: Bool? = nil, parseSpecial: Bool = true) -> [Int] {
        var out: [Int] = []
        if addBOS ?? self.addBOS, let bosID { out.append(bosID) }
        // SentencePiece models get a leading space at the start and after every special token,
        // as llama.cpp does.
        var afterSpecial = true
        for segment in splitSpecial(text, parseSpecial: parseSpecial) {
            switch segment {
            case let .special(id):
                out.append(id)
                afterSpecial = true
            case let .text(s):
                switch kind {
                case .byteLevelBPE:
                    for word in preTokenizer.split(s) { encodeBPEWord(word, into: &out) }
                case .sentencePiece:
                    encodeSentencePiece(s, prefixSpace: addSpacePrefix && afterSpecial, into: &out)
                }
                afterSpecial = false
            }
        }
        return out
    }

    enum Segment { case text(String), special(Int) }

    func splitSpecial(_ text: String, parseSpecial: Bool) -> [Segment] {
        guard parseSpecial, !specials.isEmpty else { return text.isEmpty ? [] : [.text(text)] }
        let u = Array(text.utf8)
        var out: [Segment] = []
        var start = 0, i = 0
        while i < u.count {
            if let candidates = specials[u[i]],
               let hit = candidates.first(where: { c in c.bytes.count <= u.count - i && u[i ..< i + c.bytes.count].elementsEqual(c.bytes) }) {
                if start < i { out.append(.text(String(decoding: u[start ..< i], as: UTF8.self))) }
                out.append(.special(hit.id))
                i += hit.bytes.count
                start = i
            } else {
                i += 1
            }
        }
        if start < u.count { out.append(.text(String(decoding: u[start...], as: UTF8.self))) }
        return out
    }

    /// Byte-level BPE of one pre-tokenized word: merges in the order of the merge list.
    func encodeBPEWord(_ word: String, into out: inout [Int]) {
        var symbols: [Int] = []
        for b in word.utf8 {
            if let id = byteSymbolIDs[Int(b)] { symbols.append(id) } else if let unknownID { symbols.append(unknownID) }
        }
        let merges = self.merges
        var merger = PairMerger(symbols) { a, b in
            merges[UInt64(a) << 32 | UInt64(b)].map { (Float($0.rank), Int($0.id)) }
        }
        out += merger.run()
    }

    /// SentencePiece BPE: spaces become U+2581, characters merge by highest vocabulary score,
    /// leftovers fall back to byte tokens.
    func encodeSentencePiece(_ text: String, prefixSpace: Bool, into out: inout [Int]) {
        var s = Self.replacing(text, " ", with: "\u{2581}")
        if prefixSpace { s = "\u{2581}" + s }
        let ids = tokenIDs, scores = self.scores
        var merger = PairMerger(s.map { String($0) }) { a, b in
            let joined = a + b
            guard let id = ids[joined] else { return nil }
            return (id < scores.count ? -scores[id] : 0, joined)
        }
        for sym in merger.run() {
            if let id = tokenIDs[sym] {
                out.append(id)
            } else {
                for b in sym.utf8 {
                    if let id = byteTokenIDs[Int(b)] { out.append(id) } else if let unknownID { out.append(unknownID) }
                }
            }
        }
    }

    /// The bytes a token contributes to output text (empty for control tokens).
    public func bytes(of id: Int) -> [UInt8] {
        id >= 0 && id < tokenBytes.count ? tokenBytes[id] : []
    }

    /// Decodes a whole sequence; invalid UTF-8 becomes U+FFFD.
    public func decode(_ ids: [Int]) -> String {
        var b: [UInt8] = []
        for id in ids { b += bytes(of: id) }
        if kind == .sentencePiece, addSpacePrefix, b.first == 32 { b.removeFirst() }
        return String(decoding: b, as: UTF8.self)
    }

    public func isEndOfGeneration(_ id: Int) -> Bool { endOfGenerationIDs.contains(id) }

    public func isControl(_ id: Int) -> Bool { id >= 0 && id < types.count && types[id] == .control }
}
