/// A strict RFC 8259 parser producing `OrderedJSON`. Written here rather than using
/// JSONSerialization because ingestion wants member order and exact line/column positions
/// in its error messages.
struct OrderedJSONParser {
    /// Deeper nesting than this is refused instead of overflowing the stack.
    static let maxDepth = 512

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    private init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// Parses exactly one JSON value (surrounding whitespace allowed). Failure messages say
    /// what was expected and give the column; the line is in `ParseFailure.line`.
    static func parse(_ text: String) throws(ParseFailure) -> OrderedJSON {
        var parser = OrderedJSONParser(text)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < parser.bytes.count { throw parser.failure("unexpected \(parser.found()) after the JSON value") }
        return value
    }

    private mutating func parseValue() throws(ParseFailure) -> OrderedJSON {
        guard index < bytes.count else { throw failure("unexpected end of input, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw failure("expected a value, found \(found())")
        }
    }

    private mutating func parseObject() throws(ParseFailure) -> OrderedJSON {
        try enterContainer()
        index += 1
        var members: [OrderedJSON.Member] = []
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { depth -= 1; return .object(members) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw failure("expected a string key, found \(found())")
            }
            let key = try parseString()
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw failure("expected ':' after the key \"\(key)\", found \(found())") }
            skipWhitespace()
            members.append(OrderedJSON.Member(key: key, value: try parseValue()))
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "}")) { break }
            throw failure("expected ',' or '}' after an object member, found \(found())")
        }
        depth -= 1
        return .object(members)
    }

    private mutating func parseArray() throws(ParseFailure) -> OrderedJSON {
        try enterContainer()
        index += 1
        var items: [OrderedJSON] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { depth -= 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "]")) { break }
            throw failure("expected ',' or ']' after an array element, found \(found())")
        }
        depth -= 1
        return .array(items)
    }

    private mutating func enterContainer() throws(ParseFailure) {
        depth += 1
        if depth > Self.maxDepth { throw failure("nested deeper than \(Self.maxDepth) levels") }
    }

    private mutating func parseString() throws(ParseFailure) -> String {
        index += 1  // opening quote
        var utf8: [UInt8] = []
        while true {
            guard index < bytes.count else { throw failure("unexpected end of input inside a string") }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                try parseEscape(into: &utf8)
            case 0..<0x20:
                throw failure("control character (U+\(hex4(UInt32(byte)))) inside a string must be escaped")
            default:
                utf8.append(byte)
                index += 1
            }
        }
    }

    private mutating func parseEscape(into utf8: inout [UInt8]) throws(ParseFailure) {
        guard index < bytes.count else { throw failure("unexpected end of input inside a string") }
        let escape = bytes[index]
        index += 1
        let simple: UInt8? = switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): escape
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
        if let simple { utf8.append(simple); return }
        guard escape == UInt8(ascii: "u") else {
            index -= 1
            throw failure("invalid escape '\\\(String(decoding: [escape], as: UTF8.self))' in a string")
        }
        var code = try parseHex4()
        if (0xD800...0xDBFF).contains(code), index + 1 < bytes.count,
           bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
            let saved = index
            index += 2
            let low = try parseHex4()
            if (0xDC00...0xDFFF).contains(low) {
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else {
                index = saved  // not a pair: the high half becomes U+FFFD, the next escape stands alone
            }
        }
        let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
        utf8.append(contentsOf: String(scalar).utf8)
    }

    private mutating func parseHex4() throws(ParseFailure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let digit = hexValue(bytes[index]) else {
                throw failure("expected four hex digits after '\\u'")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(ParseFailure) -> OrderedJSON {
        let start = index
        _ = consume(UInt8(ascii: "-"))
        if consume(UInt8(ascii: "0")) {
            if index < bytes.count, isDigit(bytes[index]) { throw failure("numbers must not have leading zeros") }
        } else {
            guard consumeDigits() else { throw failure("expected a digit, found \(found())") }
        }
        if consume(UInt8(ascii: ".")) {
            guard consumeDigits() else { throw failure("expected a digit after '.', found \(found())") }
        }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            guard consumeDigits() else { throw failure("expected a digit in the exponent, found \(found())") }
        }
        let literal = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(literal), value.isFinite else {
            index = start
            throw failure("number \(literal) is out of range")
        }
        return .number(value, literal: literal)
    }

    private mutating func parseLiteral(_ word: String, _ value: OrderedJSON) throws(ParseFailure) -> OrderedJSON {
        let utf8 = Array(word.utf8)
        guard bytes.count - index >= utf8.count, Array(bytes[index..<index + utf8.count]) == utf8 else {
            throw failure("expected a value, found \(found())")
        }
        index += utf8.count
        return value
    }

    // MARK: - Bytes

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func consumeDigits() -> Bool {
        let start = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        return index > start
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    // MARK: - Errors

    /// What sits at the current position, quoted, for "found …" in messages.
    private func found() -> String {
        guard index < bytes.count else { return "end of input" }
        let character = String(decoding: bytes[index..<min(index + 4, bytes.count)], as: UTF8.self).first ?? "?"
        return "'\(character)'"
    }

    /// Line and column (in characters) of the current position.
    private func failure(_ message: String) -> ParseFailure {
        let position = min(index, bytes.count)
        var line = 1
        var lineStart = 0
        for offset in 0..<position where bytes[offset] == 0x0A {
            line += 1
            lineStart = offset + 1
        }
        let column = String(decoding: bytes[lineStart..<position], as: UTF8.self).count + 1
        return ParseFailure(line: line, message: "\(message) (column \(column))")
    }
}
