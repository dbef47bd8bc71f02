/// GPT-2's reversible mapping from bytes to printable Unicode scalars: printable Latin-1 bytes
/// map to themselves, the other 68 bytes to U+0100 onwards, so every byte sequence becomes a
/// string of visible characters that BPE merges can operate on.
enum ByteLevelAlphabet {
    static let byteToScalar: [Unicode.Scalar] = {
        var table = [Unicode.Scalar](repeating: "\0", count: 256)
        var next: UInt32 = 256
        for b in 0 ..< 256 {
            let printable = (33 ... 126).contains(b) || (161 ... 172).contains(b) || (174 ... 255).contains(b)
            if printable {
                table[b] = Unicode.Scalar(UInt8(b))
            } else {
                table[b] = Unicode.Scalar(next)!
                next += 1
            }
        }
        return table
    }()

    static let scalarToByte: [UInt32: UInt8] = {
        var map: [UInt32: UInt8] = [:]
        for (b, s) in byteToScalar.enumerated() { map[s.value] = UInt8(b) }
        return map
    }()

    static func encode<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var s = String.UnicodeScalarView()
        for b in bytes { s.append(byteToScalar[Int(b)]) }
        return String(s)
    }

    /// Bytes of a vocabulary entry; nil when it contains a scalar outside the alphabet.
    static func decode(_ token: String) -> [UInt8]? {
        var out: [UInt8] = []
        for s in token.unicodeScalars {
            guard let b = scalarToByte[s.value] else { return nil }
            out.append(b)
        }
        return out
    }
}
