/// Turns a stream of token bytes into text without ever splitting a multi-byte character:
/// bytes of an incomplete character are held back until the rest arrives.
public struct UTF8StreamDecoder: Sendable {
    private var pending: [UInt8] = []

    public init() {}

    /// Appends bytes and returns the text that is now complete.
    public mutating func append(_ bytes: [UInt8]) -> String {
        pending += bytes
        let complete = Self.completePrefixLength(pending)
        guard complete > 0 else { return "" }
        let text = String(decoding: pending[0 ..< complete], as: UTF8.self)
        pending.removeFirst(complete)
        return text
    }

    /// Whatever is left at the end of the stream (invalid bytes become U+FFFD).
    public mutating func flush() -> String {
        defer { pending = [] }
        return pending.isEmpty ? "" : String(decoding: pending, as: UTF8.self)
    }

    /// Length of the longest prefix that does not end inside a character. A truncated sequence
    /// at the end is held back only if it could still become valid (at most 3 bytes).
    static func completePrefixLength(_ b: [UInt8]) -> Int {
        let n = b.count
        var i = n - 1
        var back = 0
        while i >= 0 && back < 4 {
            let c = b[i]
            if c & 0xC0 != 0x80 {
                let need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
                return n - i < need && need > 1 ? i : n
            }
            i -= 1
            back += 1
        }
        return n
    }
}
