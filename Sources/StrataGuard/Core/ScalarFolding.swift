/// Maps look-alike and decorated characters onto the ASCII character a reader sees, so
/// detectors written for ASCII also catch `４１１１`, `ｊｏｈｎ＠example.com` or a Cyrillic `о`.
///
/// Returns `nil` for characters that are invisible (zero-width, tag, bidi controls): they
/// are dropped from the folded text because obfuscators use them to split tokens.
public enum ScalarFolding {
    public static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        let v = s.value
        if v < 0x80 { return s }
        if isInvisible(v) { return nil }
        // Full-width ASCII block (！ .. ～) is ASCII shifted by 0xFEE0.
        if v >= 0xFF01 && v <= 0xFF5E { return Unicode.Scalar(v - 0xFEE0) }
        switch v {
        case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return " "
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0x2043: return "-"
        case 0x2024, 0x3002, 0xFF61, 0x2027: return "."
        case 0x2018, 0x2019, 0x201B, 0x2032: return "'"
        case 0x201C, 0x201D, 0x2033: return "\""
        case 0xFE6B: return "@"
        default: break
        }
        // Any script's decimal digit (Arabic-Indic, Devanagari, math bold, ...) → ASCII digit.
        if s.properties.numericType == .decimal, let n = s.properties.numericValue, n >= 0, n <= 9 {
            return Unicode.Scalar(UInt32(48 + Int(n)))
        }
        if let latin = lookAlike(v) { return latin }
        return s
    }

    /// Zero-width characters, bidi controls, soft hyphen and Unicode tag characters: all
    /// render as nothing (or reorder text) and carry no meaning for a reader.
    public static func isInvisible(_ v: UInt32) -> Bool {
        switch v {
        case 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E,
             0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F,
             0xFE00...0xFE0F, 0xFEFF, 0xE0000...0xE007F:
            return true
        default:
            return false
        }
    }

    /// Cyrillic and Greek letters that look identical to Latin ones in common fonts.
    static func lookAlike(_ v: UInt32) -> Unicode.Scalar? {
        let ascii: UInt8
        switch v {
        case 0x0430: ascii = 0x61 // а
        case 0x0410, 0x0391: ascii = 0x41 // А Α
        case 0x0435, 0x0451: ascii = 0x65 // е ё
        case 0x0415, 0x0395: ascii = 0x45 // Е Ε
        case 0x043E, 0x03BF: ascii = 0x6F // о ο
        case 0x041E, 0x039F: ascii = 0x4F // О Ο
        case 0x0440, 0x03C1: ascii = 0x70 // р ρ
        case 0x0420, 0x03A1: ascii = 0x50 // Р Ρ
        case 0x0441, 0x03F2: ascii = 0x63 // с ϲ
        case 0x0421, 0x03F9: ascii = 0x43 // С Ϲ
        case 0x0445, 0x03C7: ascii = 0x78 // х χ
        case 0x0425, 0x03A7: ascii = 0x58 // Х Χ
        case 0x0443: ascii = 0x79 // у
        case 0x0423, 0x03A5: ascii = 0x59 // У Υ
        case 0x0456: ascii = 0x69 // і
        case 0x0406, 0x0399: ascii = 0x49 // І Ι
        case 0x0458: ascii = 0x6A // ј
        case 0x0408: ascii = 0x4A // Ј
        case 0x0455: ascii = 0x73 // ѕ
        case 0x0405: ascii = 0x53 // Ѕ
        case 0x0412, 0x0392: ascii = 0x42 // В Β
        case 0x041A, 0x039A: ascii = 0x4B // К Κ
        case 0x041C, 0x039C: ascii = 0x4D // М Μ
        case 0x041D, 0x039D: ascii = 0x4E // Н Ν
        case 0x0422, 0x03A4: ascii = 0x54 // Т Τ
        case 0x0396: ascii = 0x5A // Ζ
        case 0x03BD: ascii = 0x76 // ν
        case 0x03B9: ascii = 0x69 // ι
        case 0x0501: ascii = 0x64 // ԁ
        case 0x0261: ascii = 0x67 // ɡ
        case 0x04BB: ascii = 0x68 // һ
        default: return nil
        }
        return Unicode.Scalar(ascii)
    }
}
