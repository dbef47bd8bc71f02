import Foundation

/// BERT's WordPiece tokenizer loaded from a HuggingFace `tokenizer.json`: normalise, split on
/// whitespace and punctuation, then greedy longest-match subwords; ids match HuggingFace's.
public struct WordPieceTokenizer: Sendable {
    public let vocabularySize: Int
    public let clsID: Int32
    public let sepID: Int32
    public let padID: Int32
    public let unknownID: Int32
    let normalizer: BertNormalizer
    private let vocabulary: [String: Int32]
    private let continuationPrefix: String
    private let maxCharactersPerWord: Int
    /// Special tokens such as `[CLS]` that HuggingFace matches in the raw text before
    /// normalising, so a literal "[SEP]" in the input becomes id 102 there too.
    private let addedTokens: [(content: String, utf8: [UInt8], id: Int32)]

    public init(path: String) throws(TokenizerError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path: path) }
        let root: [String: Any]
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw TokenizerError.invalidJSON(path: path, reason: "top level is not an object")
            }
            root = object
        } catch let error as TokenizerError {
            throw error
        } catch {
            throw .invalidJSON(path: path, reason: "\(error)")
        }
        guard let model = root["model"] as? [String: Any] else {
            throw .invalidJSON(path: path, reason: "no \"model\" object")
        }
        let type = model["type"] as? String ?? "unknown"
        guard type == "WordPiece" else { throw .unsupportedModel(path: path, type: type) }
        guard let vocab = model["vocab"] as? [String: Any] else {
            throw .invalidJSON(path: path, reason: "model has no vocab")
        }
        var vocabulary: [String: Int32] = [:]
        vocabulary.reserveCapacity(vocab.count)
        for (token, id) in vocab {
            guard let n = (id as? NSNumber)?.int32Value else {
                throw .invalidJSON(path: path, reason: "vocab id of \(token) is not an integer")
            }
            vocabulary[token] = n
        }
        let unknown = model["unk_token"] as? String ?? "[UNK]"
        continuationPrefix = model["continuing_subword_prefix"] as? String ?? "##"
        maxCharactersPerWord = (model["max_input_chars_per_word"] as? NSNumber)?.intValue ?? 100

        var normalizer = BertNormalizer()
        if let n = root["normalizer"] as? [String: Any] {
            normalizer.cleanText = n["clean_text"] as? Bool ?? true
            normalizer.handleChineseChars = n["handle_chinese_chars"] as? Bool ?? true
            normalizer.lowercase = n["lowercase"] as? Bool ?? true
            // `strip_accents: null` means "follow lowercase", as in HuggingFace.
            normalizer.stripAccents = n["strip_accents"] as? Bool ?? normalizer.lowercase
        }
        self.normalizer = normalizer

        func id(_ token: String) throws(TokenizerError) -> Int32 {
            guard let id = vocabulary[token] else { throw .missingToken(path: path, token: token) }
            return id
        }
        unknownID = try id(unknown)
        clsID = try id("[CLS]")
        sepID = try id("[SEP]")
        padID = vocabulary["[PAD]"] ?? 0
        vocabularySize = Int(vocabulary.values.max() ?? -1) + 1
        self.vocabulary = vocabulary
        var added: [(content: String, utf8: [UInt8], id: Int32)] = []
        for case let entry as [String: Any] in root["added_tokens"] as? [Any] ?? [] {
            guard let content = entry["content"] as? String, !content.isEmpty,
                  let id = (entry["id"] as? NSNumber)?.int32Value else { continue }
            added.append((content, Array(content.utf8), id))
        }
        // Longest first so a token that contains another wins at the same position.
        addedTokens = added.sorted { $0.utf8.count > $1.utf8.count }
    }

    /// Token ids with `[CLS]` and `[SEP]`, truncated so the whole sequence fits `maxLength`.
    public func encode(_ text: String, maxLength: Int = 512) -> [Int32] {
        var ids: [Int32] = [clsID]
        let budget = max(0, maxLength - 2)
        wordPieces(text, limit: budget) { ids.append($0) }
        ids.append(sepID)
        return ids
    }

    /// Subword ids without special tokens, stopping after `limit`.
    public func tokenize(_ text: String, limit: Int = .max) -> [Int32] {
        var ids: [Int32] = []
        wordPieces(text, limit: limit) { ids.append($0) }
        return ids
    }

    /// Number of subword tokens in `text`, without `[CLS]`/`[SEP]` and without truncation.
    public func tokenCount(_ text: String) -> Int {
        var n = 0
        wordPieces(text, limit: .max) { _ in n += 1 }
        return n
    }

    private func wordPieces(_ text: String, limit: Int, emit: (Int32) -> Void) {
        guard limit > 0 else { return }
        var emitted = 0
        var rest = Substring(text)
        while !rest.isEmpty {
            guard let (range, id) = firstAddedToken(in: rest) else { break }
            let before = rest[rest.startIndex..<range.lowerBound]
            if !before.isEmpty {
                emitted += segmentPieces(String(before), limit: limit - emitted, emit: emit)
                if emitted >= limit { return }
            }
            emit(id)
            emitted += 1
            if emitted >= limit { return }
            rest = rest[range.upperBound...]
        }
        if !rest.isEmpty { _ = segmentPieces(String(rest), limit: limit - emitted, emit: emit) }
    }

    /// The earliest special token in `text`, found on UTF-8 bytes: Foundation's `range(of:)`
    /// would bridge through UTF-16 and dominate the tokenizer's time.
    private func firstAddedToken(in text: Substring) -> (Range<Substring.Index>, Int32)? {
        guard !addedTokens.isEmpty else { return nil }
        let utf8 = text.utf8
        var i = utf8.startIndex
        while i < utf8.endIndex {
            let byte = utf8[i]
            for token in addedTokens where token.utf8.first == byte {
                var j = i
                var matched = true
                for b in token.utf8 {
                    guard j < utf8.endIndex, utf8[j] == b else { matched = false; break }
                    j = utf8.index(after: j)
                }
                // Tokens are tried longest first, so the first match at a position is the longest.
                if matched { return (i..<j, token.id) }
            }
            i = utf8.index(after: i)
        }
        return nil
    }

    /// Emits the pieces of a text without special tokens, at most `limit`; returns how many.
    private func segmentPieces(_ text: String, limit: Int, emit: (Int32) -> Void) -> Int {
        guard limit > 0 else { return 0 }
        let scalars = normalizer.normalize(text)
        var emitted = 0
        var wordStart = -1
        var i = 0
        // Returns false once the limit is reached so the caller stops early on long inputs.
        func flush(_ range: Range<Int>) -> Bool {
            for id in pieces(scalars[range]) {
                emit(id)
                emitted += 1
                if emitted >= limit { return false }
            }
            return true
        }
        while i < scalars.count {
            let s = scalars[i]
            if BertNormalizer.isWhitespace(s) {
                if wordStart >= 0 { if !flush(wordStart..<i) { return emitted }; wordStart = -1 }
            } else if Self.isPunctuation(s) {
                if wordStart >= 0 { if !flush(wordStart..<i) { return emitted }; wordStart = -1 }
                if !flush(i..<(i + 1)) { return emitted }
            } else if wordStart < 0 {
                wordStart = i
            }
            i += 1
        }
        if wordStart >= 0 { _ = flush(wordStart..<scalars.count) }
        return emitted
    }

    /// Greedy longest-match-first split of one word; a word with any unmatched part is `[UNK]`.
    private func pieces(_ word: ArraySlice<Unicode.Scalar>) -> [Int32] {
        if word.count > maxCharactersPerWord { return [unknownID] }
        var result: [Int32] = []
        var start = word.startIndex
        while start < word.endIndex {
            var end = word.endIndex
            var match: Int32?
            while start < end {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: word[start..<end])
                let candidate = start == word.startIndex ? String(view) : continuationPrefix + String(view)
                if let id = vocabulary[candidate] { match = id; break }
                end -= 1
            }
            guard let id = match else { return [unknownID] }
            result.append(id)
            start = end
        }
        return result
    }

    /// ASCII symbols count as punctuation for BERT; outside ASCII the set is HuggingFace's,
    /// measured (`BertCharacterTables`), since its Unicode tables are older than Swift's.
    static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) {
            return true
        }
        if v < 0x80 { return false }
        return BertCharacterTables.contains(BertCharacterTables.punctuation, v)
    }
}
