/// Cheap ASCII classification used by every scanner (no Unicode property lookups on the
/// hot path for ASCII text).
extension Unicode.Scalar {
    @inline(__always) var isASCIIDigit: Bool { value >= 48 && value <= 57 }
    @inline(__always) var isASCIILetter: Bool { (value | 0x20) >= 97 && (value | 0x20) <= 122 }
    @inline(__always) var isASCIIAlnum: Bool { isASCIIDigit || isASCIILetter }
    @inline(__always) var isASCIIUpper: Bool { value >= 65 && value <= 90 }
    @inline(__always) var isASCIILower: Bool { value >= 97 && value <= 122 }
    @inline(__always) var isASCIIHexDigit: Bool {
        isASCIIDigit || ((value | 0x20) >= 97 && (value | 0x20) <= 102)
    }
    @inline(__always) var asciiLowercased: Unicode.Scalar {
        isASCIIUpper ? Unicode.Scalar(UInt8(value | 0x20)) : self
    }
    @inline(__always) var digitValue: Int { Int(value) - 48 }
    /// Letters and digits of any script: a token boundary test that does not split "Müller".
    @inline(__always) var isWordScalar: Bool {
        value < 0x80 ? isASCIIAlnum : properties.isAlphabetic || properties.numericType != nil
    }
}
