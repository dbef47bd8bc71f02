import StrataCore

/// Reads a metadata value written as text (CSV cells, front matter): numbers become numbers,
/// `true`/`false` booleans, everything else stays a string.
enum MetadataScalar {
    static func value(_ text: String) -> JSONValue {
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        if let number = number(text) { return .number(number) }
        return .string(text)
    }

    /// Plain decimal numbers only: `Double("nan")`, `"inf"` and `"0x1F"` would parse, and
    /// `"007"`-style codes (ZIP codes, account numbers) would lose their leading zeros.
    static func number(_ text: String) -> Double? {
        guard !text.isEmpty,
              text.utf8.allSatisfy({ isNumberByte($0) }),
              let value = Double(text), value.isFinite
        else { return nil }
        let digits = text.drop(while: { $0 == "-" || $0 == "+" })
        if digits.count > 1, digits.first == "0", digits.dropFirst().first?.isNumber == true { return nil }
        return value
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
             UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
            return true
        default:
            return false
        }
    }
}
