/// Cuts a byte range of UTF-8 text into contiguous pieces at paragraph, line and sentence ends
/// (always), then at word and character boundaries for anything still over the token budget.
/// Separators stay with the piece before them, so the pieces cover the range exactly.
struct StructuralSplitter {
    let bytes: [UInt8]
    let maxTokens: Int
    let countTokens: (String) -> Int

    private enum Level: Int, CaseIterable { case paragraph, line, sentence, word, character }

    func pieces(of range: Range<Int>) -> [Chunker.Piece] {
        var out: [Chunker.Piece] = []
        split(range, level: .paragraph, startsParagraph: true, into: &out)
        return out
    }

    private func split(_ range: Range<Int>, level: Level, startsParagraph: Bool, into out: inout [Chunker.Piece]) {
        guard !range.isEmpty else { return }
        if level.rawValue > Level.sentence.rawValue {
            let tokens = count(range)
            if tokens <= maxTokens {
                out.append(Chunker.Piece(range: range, tokens: tokens, startsParagraph: startsParagraph))
                return
            }
        }
        guard let next = Level(rawValue: level.rawValue + 1) else {
            // Characters: halve at a scalar boundary until each part fits.
            let mid = scalarBoundary(near: (range.lowerBound + range.upperBound) / 2, in: range)
            if mid <= range.lowerBound || mid >= range.upperBound {
                out.append(Chunker.Piece(range: range, tokens: count(range), startsParagraph: startsParagraph))
                return
            }
            split(range.lowerBound..<mid, level: level, startsParagraph: startsParagraph, into: &out)
            split(mid..<range.upperBound, level: level, startsParagraph: false, into: &out)
            return
        }
        let parts = cut(range, at: level)
        for (i, part) in parts.enumerated() {
            let starts = level == .paragraph ? true : (startsParagraph && i == 0)
            if level.rawValue < Level.sentence.rawValue || parts.count == 1 {
                split(part, level: next, startsParagraph: starts, into: &out)
            } else {
                let tokens = count(part)
                if tokens <= maxTokens {
                    if tokens > 0 || !out.isEmpty {
                        out.append(Chunker.Piece(range: part, tokens: tokens, startsParagraph: starts))
                    }
                } else {
                    split(part, level: next, startsParagraph: starts, into: &out)
                }
            }
        }
    }

    private func count(_ range: Range<Int>) -> Int {
        countTokens(String(decoding: bytes[range], as: UTF8.self))
    }

    /// The range cut after each separator of the level.
    private func cut(_ range: Range<Int>, at level: Level) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = range.lowerBound
        var i = range.lowerBound
        let end = range.upperBound
        let newline = UInt8(ascii: "\n")
        while i < end {
            var boundary: Int?
            let b = bytes[i]
            switch level {
            case .paragraph:
                if b == newline {
                    var j = i + 1
                    while j < end && (bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0D) { j += 1 }
                    if j < end && bytes[j] == newline {
                        while j < end && (bytes[j] == newline || bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0D) { j += 1 }
                        boundary = j
                    }
                }
            case .line:
                if b == newline { boundary = i + 1 }
            case .sentence:
                if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") {
                    var j = i + 1
                    while j < end && (bytes[j] == UInt8(ascii: ".") || bytes[j] == UInt8(ascii: "!") || bytes[j] == UInt8(ascii: "?")
                                      || bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: ")")) { j += 1 }
                    if j < end && (bytes[j] == 0x20 || bytes[j] == 0x09) {
                        while j < end && (bytes[j] == 0x20 || bytes[j] == 0x09) { j += 1 }
                        boundary = j
                    }
                } else if b == 0xE3 && i + 2 < end && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x82 {
                    boundary = i + 3 // 。
                } else if b == 0xEF && i + 2 < end && bytes[i + 1] == 0xBC && (bytes[i + 2] == 0x81 || bytes[i + 2] == 0x9F) {
                    boundary = i + 3 // ！ ？
                }
            case .word:
                if b == 0x20 || b == 0x09 {
                    var j = i + 1
                    while j < end && (bytes[j] == 0x20 || bytes[j] == 0x09) { j += 1 }
                    boundary = j
                }
            case .character:
                break
            }
            if let boundary, boundary < end {
                parts.append(start..<boundary)
                start = boundary
                i = boundary
            } else {
                i += 1
            }
        }
        if start < end { parts.append(start..<end) }
        return parts
    }

    /// The nearest UTF-8 scalar start at or before `index`, within `range`.
    private func scalarBoundary(near index: Int, in range: Range<Int>) -> Int {
        var i = index
        while i > range.lowerBound && bytes[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }
}
