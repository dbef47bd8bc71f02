/// How far a JSON number has been read. A number has no closing byte: it ends when a byte
/// arrives that cannot continue it, and that byte then belongs to the enclosing value.
/// Digits are bounded (`maxMantissaDigits` before the exponent, `maxExponentDigits` in it)
/// so a model cannot loop on digits forever. An exponent needs a non-zero digit before it:
/// `0e5` and `0.0e5` are valid JSON, but Foundation's JSONDecoder refuses them, and they say nothing.
struct JSONNumberPosition: Sendable, Equatable {
    static let maxMantissaDigits: UInt8 = 20
    static let maxExponentDigits: UInt8 = 2

    enum Outcome {
        /// The byte continues the number.
        case consumed
        /// The byte completes the number and nothing more can follow it.
        case consumedFinal
        /// The byte is not part of the number, which is complete: it belongs to the parent.
        case ended
        case rejected
    }

    enum Phase: UInt8, Sendable {
        case sign, zero, integer, dot, fraction, exponentMark, exponentSign, exponent
    }

    var phase: Phase
    var integerOnly: Bool
    var mantissaDigits: UInt8 = 0
    var exponentDigits: UInt8 = 0
    /// A digit other than 0 has been read before the exponent.
    var nonZero = false

    /// The number begun by `b`, or nil when `b` cannot start one.
    @inline(__always)
    init?(first b: UInt8, integerOnly: Bool) {
        self.integerOnly = integerOnly
        switch b {
        case UInt8(ascii: "-"): phase = .sign
        case UInt8(ascii: "0"): phase = .zero; mantissaDigits = 1
        case UInt8(ascii: "1") ... UInt8(ascii: "9"): phase = .integer; mantissaDigits = 1; nonZero = true
        default: return nil
        }
    }

    var isAccepting: Bool {
        switch phase {
        case .zero, .integer, .fraction, .exponent: return true
        case .sign, .dot, .exponentMark, .exponentSign: return false
        }
    }

    /// Complete and unable to take another byte, so the value may be closed at once.
    var isFinal: Bool {
        let roomForDigit = mantissaDigits < Self.maxMantissaDigits
        switch phase {
        case .zero: return integerOnly
        case .integer: return !roomForDigit && integerOnly
        case .fraction: return !roomForDigit && !nonZero
        case .exponent: return exponentDigits >= Self.maxExponentDigits
        case .sign, .dot, .exponentMark, .exponentSign: return false
        }
    }

    @inline(__always)
    mutating func step(_ b: UInt8) -> Outcome {
        let isDigit = b &- UInt8(ascii: "0") < 10
        switch phase {
        case .sign:
            guard isDigit else { return .rejected }
            phase = b == UInt8(ascii: "0") ? .zero : .integer
            mantissaDigits = 1
            nonZero = b != UInt8(ascii: "0")
        case .zero, .integer, .fraction:
            if isDigit && phase != .zero && mantissaDigits < Self.maxMantissaDigits {
                mantissaDigits &+= 1
                nonZero = nonZero || b != UInt8(ascii: "0")
            } else if b == UInt8(ascii: "."), phase != .fraction, !integerOnly, mantissaDigits < Self.maxMantissaDigits {
                phase = .dot
            } else if b | 0x20 == UInt8(ascii: "e"), !integerOnly, nonZero {
                phase = .exponentMark
            } else {
                return .ended
            }
        case .dot:
            guard isDigit else { return .rejected }
            phase = .fraction
            mantissaDigits &+= 1
            nonZero = nonZero || b != UInt8(ascii: "0")
        case .exponentMark:
            if b == UInt8(ascii: "+") || b == UInt8(ascii: "-") {
                phase = .exponentSign
            } else if isDigit {
                phase = .exponent
                exponentDigits = 1
            } else {
                return .rejected
            }
        case .exponentSign:
            guard isDigit else { return .rejected }
            phase = .exponent
            exponentDigits = 1
        case .exponent:
            guard isDigit && exponentDigits < Self.maxExponentDigits else { return .ended }
            exponentDigits &+= 1
        }
        return isFinal ? .consumedFinal : .consumed
    }
}
