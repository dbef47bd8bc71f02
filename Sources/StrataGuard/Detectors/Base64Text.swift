/// Minimal base64 / base64url decoding into text, used to look inside JWT headers and
/// encoded prompt-injection payloads without pulling in Foundation's `Data`.
public enum Base64Text {
    /// Decodes `scalars` and returns the bytes as UTF-8 text (invalid sequences repaired),
    /// or nil when the input is not base64.
    public static func decode<C: Collection>(_ scalars: C, urlSafe: Bool = false) -> String? where C.Element == Unicode.Scalar {
        guard let bytes = decodeBytes(scalars, urlSafe: urlSafe) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func decodeBytes<C: Collection>(_ scalars: C, urlSafe: Bool = false) -> [UInt8]? where C.Element == Unicode.Scalar {
        var out: [UInt8] = []
        out.reserveCapacity(scalars.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for c in scalars {
            let v: UInt32
            switch c {
            case "A"..."Z": v = c.value - 65
            case "a"..."z": v = c.value - 71
            case "0"..."9": v = c.value + 4
            case "+" where !urlSafe, "-" where urlSafe: v = 62
            case "/" where !urlSafe, "_" where urlSafe: v = 63
            case "=": return out
            case "\n", "\r", " ": continue
            default: return nil
            }
            buffer = (buffer << 6) | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        return out
    }
}
