/// Splits documents into chunks that fit the embedder's token budget, following their
/// structure: markdown sections, then paragraphs, lines and sentences, packed greedily up to
/// `maxTokens` with about `overlapTokens` of the previous chunk repeated at the start of the next.
/// Words, then characters, are the last resort for a sentence longer than the budget.
public struct Chunker: Sendable {
    public var maxTokens: Int
    public var overlapTokens: Int
    private let countTokens: @Sendable (String) -> Int

    public init(maxTokens: Int = 254, overlapTokens: Int = 32, tokenCounter: @escaping @Sendable (String) -> Int) {
        self.maxTokens = max(1, maxTokens)
        self.overlapTokens = max(0, min(overlapTokens, maxTokens / 2))
        self.countTokens = tokenCounter
    }

    /// Budget from the embedder: its input limit less `[CLS]` and `[SEP]`, counted with its tokenizer.
    public init(embedder: SentenceEmbedder, maxTokens: Int? = nil, overlapTokens: Int = 32) {
        let tokenizer = embedder.tokenizer
        self.init(maxTokens: min(maxTokens ?? embedder.maxTokens - 2, embedder.maxTokens - 2),
                  overlapTokens: overlapTokens, tokenCounter: { tokenizer.tokenCount($0) })
    }

    struct Piece {
        var range: Range<Int>
        var tokens: Int
        var startsParagraph: Bool
    }

    public func chunks(documentID: String, text: String) -> [Chunk] {
        let bytes = Array(text.utf8)
        var result: [Chunk] = []
        for section in MarkdownSection.split(bytes) {
            let pieces = StructuralSplitter(bytes: bytes, maxTokens: maxTokens, countTokens: countTokens)
                .pieces(of: section.range)
            for group in pack(pieces) {
                guard let first = group.first, let last = group.last else { continue }
                let span = trimmed(first.range.lowerBound..<last.range.upperBound, in: bytes)
                guard !span.isEmpty else { continue }
                let chunkText = String(decoding: bytes[span], as: UTF8.self)
                result.append(Chunk(documentID: documentID, ordinal: result.count, text: chunkText, span: span,
                                    tokenCount: countTokens(chunkText), headings: section.headings))
            }
        }
        return result
    }

    /// Greedy packing with overlap. A chunk already three quarters full ends at a paragraph
    /// boundary rather than taking the first sentence of the next paragraph.
    func pack(_ pieces: [Piece]) -> [[Piece]] {
        var groups: [[Piece]] = []
        var current: [Piece] = []
        var tokens = 0
        for piece in pieces {
            let full = tokens + piece.tokens > maxTokens
            let niceBreak = piece.startsParagraph && tokens * 4 >= maxTokens * 3
            if !current.isEmpty && (full || niceBreak) {
                groups.append(current)
                // Carry whole trailing pieces up to the overlap budget; always strictly fewer
                // than the whole chunk, so packing makes progress.
                var tail: [Piece] = []
                var tailTokens = 0
                for p in current.reversed() {
                    guard tailTokens + p.tokens <= overlapTokens, tailTokens + p.tokens + piece.tokens <= maxTokens else { break }
                    tail.insert(p, at: 0)
                    tailTokens += p.tokens
                }
                if tail.count == current.count { tail.removeFirst(); tailTokens = tail.reduce(0) { $0 + $1.tokens } }
                current = tail
                tokens = tailTokens
            }
            current.append(piece)
            tokens += piece.tokens
        }
        if current.contains(where: { $0.tokens > 0 }) { groups.append(current) }
        return groups
    }

    private func trimmed(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while lower < upper && blank(bytes[lower]) { lower += 1 }
        while upper > lower && blank(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}
