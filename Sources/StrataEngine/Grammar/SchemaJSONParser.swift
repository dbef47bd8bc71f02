/// Parses the JSON text of a schema (RFC 8259, whitespace allowed) into `SchemaJSON`.
/// Errors are reported as `JSONSchemaGrammar.Unsupported` with an empty keyword and path.
struct SchemaJSONParser {
    /// Deeper documents are refused rather than risk the stack.
    static let maxNesting = 128

    private let bytes: [UInt8]
    private var at = 0

    static func parse(_ bytes: [UInt8]) throws(JSONSchemaGrammar.Unsupported) -> SchemaJSON {
        var parser = SchemaJSONParser(bytes: bytes)
        parser.skipSpace()
        let value = try parser.value(nesting: 0)
        parser.skipSpace()
        guard parser.at == bytes.count else { throw parser.error("unexpected text after the schema") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func error(_ what: String) -> JSONSchemaGrammar.Unsupported {
        .init(keyword: "", path: "", message: "The schema is not valid JSON: \(what) at byte \(at).")
    }

    private var current: UInt8? { at < bytes.count ? bytes[at] : nil }

    private mutating func skipSpace() {
        while let c = current, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { at += 1 }
    }

    private mutating func expect(_ word: String) throws(JSONSchemaGrammar.Unsupported) {
        for b in word.utf8 {
            guard current == b else { throw error("expected \(word)") }
            at += 1
        }
    }

    private mutating func value(nesting: Int) throws(JSONSchemaGrammar.Unsupported) -> SchemaJSON {
        guard nesting < Self.maxNesting else { throw error("nested more than \(Self.maxNesting) levels") }
        switch current {
        case UInt8(ascii: "{"):
            at += 1
            var members: [SchemaJSON.Member] = []
            skipSpace()
            if current == UInt8(ascii: "}") { at += 1; return .object(members) }
            while true {
                skipSpace()
                guard current == UInt8(ascii: "\"") else { throw error("expected a member name") }
                let key = try string()
                skipSpace()
                try expect(":")
                skipSpace()
                members.append(.init(key: key, value: try value(nesting: nesting + 1)))
                skipSpace()
                if current == UInt8(ascii: ",") { at += 1; continue }
                try expect("}")
                return .object(members)
            }
        case UInt8(ascii: "["):
            at += 1
            var items: [SchemaJSON] = []
            skipSpace()
            if current == UInt8(ascii: "]") { at += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try value(nesting: nesting + 1))
                skipSpace()
                if current == UInt8(ascii: ",") { at += 1; continue }
                try expect("]")
                return .array(items)
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"):
            try expect("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expect("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expect("null")
            return .null
        default:
            return .number(try number())
        }
    }

    private mutating func number() throws(JSONSchemaGrammar.Unsupported) -> String {
        let start = at
        func digits(_ p: inout SchemaJSONParser) -> Int {
            let s = p.at
            while let c = p.current, c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") { p.at += 1 }
            return p.at - s
        }
        if current == UInt8(ascii: "-") { at += 1 }
        let leadingZero = current == UInt8(ascii: "0")
        let integerDigits = digits(&self)
        guard integerDigits > 0, !(leadingZero && integerDigits > 1) else { throw error("invalid value") }
        if current == UInt8(ascii: ".") {
            at += 1
            guard digits(&self) > 0 else { throw error("invalid number") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            at += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { at += 1 }
            guard digits(&self) > 0 else { throw error("invalid number") }
        }
        return String(decoding: bytes[start ..< at], as: UTF8.self)
    }

    private mutating func string() throws(JSONSchemaGrammar.Unsupported) -> String {
        at += 1  // opening quote
        var out: [UInt8] = []
        while true {
            guard let c = current else { throw error("unterminated string") }
            at += 1
            switch c {
            case UInt8(ascii: "\""):
                guard let s = String(validating: out, as: UTF8.self) else { throw error("invalid UTF-8 in a string") }
                return s
            case UInt8(ascii: "\\"):
                guard let e = current else { throw error("unterminated string") }
                at += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        try expect("\\u")
                        let low = try hex4()
                        guard low >= 0xDC00 && low < 0xE000 else { throw error("unpaired surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw error("unpaired surrogate") }
                    UTF8.encode(u) { out.append($0) }
                default:
                    throw error("invalid escape")
                }
            case 0 ..< 0x20:
                throw error("control character in a string")
            default:
                out.append(c)
            }
        }
    }

    private mutating func hex4() throws(JSONSchemaGrammar.Unsupported) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0 ..< 4 {
            guard let c = current else { throw error("unterminated escape") }
            let d: UInt8
            switch c {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape")
            }
            v = v << 4 | UInt32(d)
            at += 1
        }
        return v
    }
}
