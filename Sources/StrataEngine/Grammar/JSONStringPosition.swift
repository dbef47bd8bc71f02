/// How far a JSON string has been read, after its opening quote: escapes (including `\uXXXX`
/// surrogate pairs) and multi-byte UTF-8 may be split across tokens, so the position inside
/// one is kept. Lengths count Unicode scalars; a scalar counts when its first byte is read.
struct JSONStringPosition: Sendable, Equatable {
    enum Outcome { case consumed, closed, rejected }

    enum State: UInt8, Sendable {
        case text
        /// After a backslash.
        case escape
        /// Reading the hex digits of `\u`: before the first, the second (`D` first digit
        /// in `secondAfterD`), the third and the fourth (`…High` once the unit is a high surrogate).
        case hex1, hex2, hex2AfterD, hex3, hex4, hex3High, hex4High
        /// After a high surrogate: the `\u` of the low surrogate and its four digits.
        case pairBackslash, pairU, pair1, pair2, pair3, pair4
        /// Inside a multi-byte UTF-8 sequence.
        case utf8
    }

    /// Index into `GrammarTables.strings`.
    var bounds: Int32
    var length: Int32 = 0
    var state: State = .text
    /// UTF-8 continuation bytes still to come, and the range the next one must fall in
    /// (narrower than 80–BF after E0, ED, F0 and F4, which rules out overlong forms and surrogates).
    var pending: UInt8 = 0
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF

    init(bounds: Int32) { self.bounds = bounds }

    @inline(__always)
    mutating func step(_ b: UInt8, _ limits: GrammarNode.StringBounds) -> Outcome {
        switch state {
        case .text:
            if b == UInt8(ascii: "\"") { return length >= limits.minLength ? .closed : .rejected }
            guard length < limits.maxLength else { return .rejected }
            switch b {
            case UInt8(ascii: "\\"): state = .escape
            case 0x20 ... 0x7F: break
            case 0xC2 ... 0xDF: beginSequence(1, 0x80, 0xBF)
            case 0xE0: beginSequence(2, 0xA0, 0xBF)
            case 0xE1 ... 0xEC, 0xEE, 0xEF: beginSequence(2, 0x80, 0xBF)
            case 0xED: beginSequence(2, 0x80, 0x9F)
            case 0xF0: beginSequence(3, 0x90, 0xBF)
            case 0xF1 ... 0xF3: beginSequence(3, 0x80, 0xBF)
            case 0xF4: beginSequence(3, 0x80, 0x8F)
            default: return .rejected
            }
            length &+= 1
        case .utf8:
            guard b >= low && b <= high else { return .rejected }
            pending &-= 1
            low = 0x80
            high = 0xBF
            if pending == 0 { state = .text }
        case .escape:
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                 UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                state = .text
            case UInt8(ascii: "u"): state = .hex1
            default: return .rejected
            }
        case .hex1:
            guard Self.isHex(b) else { return .rejected }
            state = b | 0x20 == UInt8(ascii: "d") ? .hex2AfterD : .hex2
        case .hex2AfterD:
            // D800–DBFF opens a surrogate pair; DC00–DFFF alone is not a character.
            switch b {
            case UInt8(ascii: "0") ... UInt8(ascii: "7"): state = .hex3
            case UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "A"), UInt8(ascii: "B"):
                state = .hex3High
            default: return .rejected
            }
        case .hex2, .hex3, .hex4, .hex3High, .hex4High, .pair3, .pair4:
            guard Self.isHex(b) else { return .rejected }
            state = Self.afterHexDigit(state)
        case .pairBackslash:
            guard b == UInt8(ascii: "\\") else { return .rejected }
            state = .pairU
        case .pairU:
            guard b == UInt8(ascii: "u") else { return .rejected }
            state = .pair1
        case .pair1:
            guard b | 0x20 == UInt8(ascii: "d") else { return .rejected }
            state = .pair2
        case .pair2:
            let lower = b | 0x20
            guard lower >= UInt8(ascii: "c") && lower <= UInt8(ascii: "f") else { return .rejected }
            state = .pair3
        }
        return .consumed
    }

    @inline(__always)
    private mutating func beginSequence(_ count: UInt8, _ low: UInt8, _ high: UInt8) {
        state = .utf8
        pending = count
        self.low = low
        self.high = high
    }

    @inline(__always)
    private static func afterHexDigit(_ state: State) -> State {
        switch state {
        case .hex2: return .hex3
        case .hex3: return .hex4
        case .hex3High: return .hex4High
        case .hex4High: return .pairBackslash
        case .pair3: return .pair4
        default: return .text
        }
    }

    @inline(__always)
    private static func isHex(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"), UInt8(ascii: "a") ... UInt8(ascii: "f"), UInt8(ascii: "A") ... UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }
}
