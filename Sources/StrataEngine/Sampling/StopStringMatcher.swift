/// Holds back streamed text that might be the start of a stop string, and cuts the output
/// before the first stop string found. Works on UTF-8 bytes; stop strings start on a character
/// boundary, so every cut does too.
struct StopStringMatcher {
    private let stops: [[UInt8]]
    private var pending: [UInt8] = []

    init(_ stops: [String]) { self.stops = stops.map { Array($0.utf8) }.filter { !$0.isEmpty } }

    /// Adds text; returns what can be emitted now and whether a stop string was reached.
    mutating func append(_ text: String) -> (emit: String, stopped: Bool) {
        guard !stops.isEmpty else { return (text, false) }
        pending += text.utf8
        var earliest: Int? = nil
        for s in stops {
            if let at = Self.find(s, in: pending), at < (earliest ?? Int.max) { earliest = at }
        }
        if let at = earliest {
            let out = String(decoding: pending[0 ..< at], as: UTF8.self)
            pending = []
            return (out, true)
        }
        // Keep the longest suffix that is a proper prefix of some stop string.
        var hold = 0
        for s in stops {
            var k = min(s.count - 1, pending.count)
            while k > hold {
                if pending[(pending.count - k)...].elementsEqual(s[0 ..< k]) { hold = k; break }
                k -= 1
            }
        }
        let out = String(decoding: pending[0 ..< pending.count - hold], as: UTF8.self)
        pending.removeFirst(pending.count - hold)
        return (out, false)
    }

    /// Text still held at the end of generation.
    mutating func flush() -> String {
        defer { pending = [] }
        return String(decoding: pending, as: UTF8.self)
    }

    static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard needle.count <= hay.count else { return nil }
        for i in 0 ... hay.count - needle.count where hay[i] == needle[0] {
            if hay[i ..< i + needle.count].elementsEqual(needle) { return i }
        }
        return nil
    }
}
