/// A tolerant HTML tokenizer: never fails, never drops text it cannot parse. A `<` that
/// does not open a tag (`a < b`, `<3`, a tag cut off at the end of the file) is kept as
/// text. The contents of script-like elements are returned as one raw text token.
struct HTMLTokenizer: Sequence, IteratorProtocol {
    /// Elements whose content is read as one text token without looking for tags (`svg`
    /// and `math` too, so their labels never reach the text). `title` and `textarea`, when
    /// unclosed, end at the next `<` instead of swallowing the rest of the file.
    static let rawTextElements: Set<String> = ["script", "style", "noscript", "template", "svg", "math", "title", "textarea"]

    private let bytes: [UInt8]
    private var index = 0
    private var rawTextElement: String?
    /// Where searches for a closing `-->` or `</element` already failed: searching again
    /// from there would fail too, and broken markup repeated many times would otherwise
    /// make tokenizing quadratic. Same idea for the last `>` and quotes in the input.
    private var commentCloseMissingFrom = Int.max
    private var rawCloseMissingFrom: [String: Int] = [:]
    private let lastGreaterThan: Int
    private let lastDoubleQuote: Int
    private let lastSingleQuote: Int

    init(_ html: String) {
        bytes = Array(html.utf8)
        lastGreaterThan = bytes.lastIndex(of: Byte.greaterThan) ?? -1
        lastDoubleQuote = bytes.lastIndex(of: Byte.doubleQuote) ?? -1
        lastSingleQuote = bytes.lastIndex(of: Byte.singleQuote) ?? -1
    }

    mutating func next() -> HTMLToken? {
        while index < bytes.count {
            if let element = rawTextElement {
                rawTextElement = nil
                if let text = readRawText(until: element) { return .text(text) }
                continue
            }
            let start = index
            if bytes[index] == Byte.lessThan, let token = readMarkup() {
                if case .startTag(let name, _, let selfClosing) = token, !selfClosing, Self.rawTextElements.contains(name) {
                    rawTextElement = name
                }
                return token
            }
            index = start + 1  // a `<` that opens nothing is text
            while index < bytes.count, bytes[index] != Byte.lessThan { index += 1 }
            return .text(String(decoding: bytes[start..<index], as: UTF8.self))
        }
        return nil
    }

    // MARK: - Markup

    /// Reads the tag, comment or declaration at `<`; nil (index unchanged) when it is not one.
    private mutating func readMarkup() -> HTMLToken? {
        let start = index
        guard start + 1 < bytes.count else { return nil }
        let next = bytes[start + 1]
        if next == Byte.bang {
            if matches("<!--", at: start) {
                let bodyStart = start + 4
                if matches(">", at: bodyStart) || matches("->", at: bodyStart) {  // `<!-->`, `<!--->`: empty
                    index = bodyStart + (bytes[bodyStart] == Byte.greaterThan ? 1 : 2)
                } else if bodyStart < commentCloseMissingFrom, let close = find("-->", from: bodyStart) {
                    index = close + 3
                } else {
                    commentCloseMissingFrom = Swift.min(commentCloseMissingFrom, bodyStart)
                    index = (firstIndex(of: Byte.greaterThan, from: bodyStart) ?? bytes.count - 1) + 1
                }
                return .comment
            }
            guard let close = firstIndex(of: Byte.greaterThan, from: start) else { return nil }
            index = close + 1
            return matchesIgnoringCase("<!doctype", at: start) ? .doctype : .comment
        }
        if next == Byte.question {
            guard let close = firstIndex(of: Byte.greaterThan, from: start) else { return nil }
            index = close + 1
            return .comment
        }
        if next == Byte.slash {
            guard start + 2 < bytes.count, isLetter(bytes[start + 2]),
                  let close = firstIndex(of: Byte.greaterThan, from: start)
            else { return nil }
            let nameEnd = nameEnd(from: start + 2, limit: close)
            index = close + 1
            return .endTag(name: lowercasedName(start + 2..<nameEnd))
        }
        guard isLetter(next), let close = tagEnd(from: start + 1) else { return nil }
        let nameEnd = nameEnd(from: start + 1, limit: close)
        let selfClosing = bytes[close - 1] == Byte.slash && close - 1 >= nameEnd
        index = close + 1
        return .startTag(
            name: lowercasedName(start + 1..<nameEnd),
            attributes: attributes(in: nameEnd..<close),
            selfClosing: selfClosing
        )
    }

    /// The `>` closing a start tag, skipping `>` inside quoted attribute values; if a quote
    /// is never closed, the first `>` at all (so one bad quote does not eat the document).
    private func tagEnd(from start: Int) -> Int? {
        guard start <= lastGreaterThan else { return nil }
        var quote: UInt8?
        var afterEquals = false
        var position = start
        while position < bytes.count {
            let byte = bytes[position]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == Byte.greaterThan {
                return position
            } else if (byte == Byte.doubleQuote || byte == Byte.singleQuote) && afterEquals {
                guard position < (byte == Byte.doubleQuote ? lastDoubleQuote : lastSingleQuote) else { break }
                quote = byte
            } else if byte == Byte.equals {
                afterEquals = true
            } else if !isSpace(byte) {
                afterEquals = false
            }
            position += 1
        }
        return firstIndex(of: Byte.greaterThan, from: start)
    }

    private func attributes(in range: Range<Int>) -> [String: String] {
        var result: [String: String] = [:]
        var position = range.lowerBound
        let end = range.upperBound
        while position < end {
            while position < end, isSpace(bytes[position]) || bytes[position] == Byte.slash { position += 1 }
            let nameStart = position
            while position < end, !isSpace(bytes[position]), bytes[position] != Byte.equals, bytes[position] != Byte.slash {
                position += 1
            }
            guard position > nameStart else {
                position += 1
                continue
            }
            let name = lowercasedName(nameStart..<position)
            while position < end, isSpace(bytes[position]) { position += 1 }
            var value = ""
            if position < end, bytes[position] == Byte.equals {
                position += 1
                while position < end, isSpace(bytes[position]) { position += 1 }
                if position < end, bytes[position] == Byte.doubleQuote || bytes[position] == Byte.singleQuote {
                    let quote = bytes[position]
                    let valueStart = position + 1
                    position = valueStart
                    while position < end, bytes[position] != quote { position += 1 }
                    value = String(decoding: bytes[valueStart..<position], as: UTF8.self)
                    position += 1
                } else {
                    let valueStart = position
                    while position < end, !isSpace(bytes[position]) { position += 1 }
                    value = String(decoding: bytes[valueStart..<position], as: UTF8.self)
                }
            }
            if result[name] == nil { result[name] = HTMLEntities.decode(value) }
        }
        return result
    }

    /// Content up to `</element`; the end tag itself is left for `next()`. Unclosed: to the
    /// end of input, or for `title`/`textarea` to the next `<`.
    private mutating func readRawText(until element: String) -> String? {
        let start = index
        var end = bytes.count
        var search = start
        while search < rawCloseMissingFrom[element, default: Int.max], let candidate = firstIndex(of: Byte.lessThan, from: search) {
            if matchesIgnoringCase("</\(element)", at: candidate) {
                let after = candidate + 2 + element.utf8.count
                if after >= bytes.count || isSpace(bytes[after]) || bytes[after] == Byte.greaterThan || bytes[after] == Byte.slash {
                    end = candidate
                    break
                }
            }
            search = candidate + 1
        }
        if end == bytes.count {
            rawCloseMissingFrom[element] = Swift.min(rawCloseMissingFrom[element, default: Int.max], start)
        }
        if end == bytes.count, element == "title" || element == "textarea" {
            end = firstIndex(of: Byte.lessThan, from: start) ?? bytes.count
        }
        index = end
        return end > start ? String(decoding: bytes[start..<end], as: UTF8.self) : nil
    }

    // MARK: - Bytes

    private enum Byte {
        static let lessThan = UInt8(ascii: "<"), greaterThan = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
        static let bang = UInt8(ascii: "!"), question = UInt8(ascii: "?"), equals = UInt8(ascii: "=")
        static let doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'")
    }

    private func nameEnd(from start: Int, limit: Int) -> Int {
        var position = start
        while position < limit, !isSpace(bytes[position]), bytes[position] != Byte.slash { position += 1 }
        return position
    }

    private func lowercasedName(_ range: Range<Int>) -> String {
        String(decoding: bytes[range].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    private func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0C || byte == 0x0D
    }

    private func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        if byte == Byte.greaterThan, start > lastGreaterThan { return nil }
        var position = start
        while position < bytes.count {
            if bytes[position] == byte { return position }
            position += 1
        }
        return nil
    }

    private func find(_ needle: String, from start: Int) -> Int? {
        var position = start
        while let candidate = firstIndex(of: needle.utf8.first ?? 0, from: position) {
            if matches(needle, at: candidate) { return candidate }
            position = candidate + 1
        }
        return nil
    }

    private func matches(_ needle: String, at position: Int) -> Bool {
        let utf8 = needle.utf8
        guard bytes.count - position >= utf8.count else { return false }
        return zip(bytes[position...], utf8).allSatisfy { $0 == $1 }
    }

    private func matchesIgnoringCase(_ needle: String, at position: Int) -> Bool {
        let utf8 = needle.utf8
        guard bytes.count - position >= utf8.count else { return false }
        return zip(bytes[position...], utf8).allSatisfy { ($0 | 0x20) == ($1 | 0x20) }
    }
}
