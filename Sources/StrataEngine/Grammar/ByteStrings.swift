/// Byte strings stored flat (one buffer and offsets): the exact encodings of `enum` values and of
/// property names, in lists appended one after another. Matching walks it by index, so the hot
/// path needs no hashing and no per-string allocation.
///
/// Matching keeps "the smallest index in the list whose string starts with the bytes so far".
/// That is only sound when no string is a prefix of an earlier one in its list: property names
/// are prefix-free (they end in a quote) and literal lists are sorted (a prefix sorts first).
struct ByteStrings: Sendable {
    private var bytes: [UInt8] = []
    /// `starts[i] ..< starts[i + 1]` is string `i`.
    private var starts: [Int32] = [0]
    /// Whether string `i` is a proper prefix of a later string of its list (only numbers can be: `1`, `12`).
    private var extendable: [Bool] = []

    var count: Int { starts.count - 1 }

    /// Appends a list and returns where it is.
    mutating func append(_ list: [[UInt8]]) -> GrammarNode.TableSpan {
        let first = Int32(count)
        for (i, s) in list.enumerated() {
            bytes += s
            starts.append(Int32(bytes.count))
            extendable.append(list[(i + 1)...].contains { $0.count > s.count && $0.starts(with: s) })
        }
        return .init(first: first, count: Int32(list.count))
    }

    func strings(in span: GrammarNode.TableSpan) -> [[UInt8]] {
        (span.first ..< span.first + span.count).map { i in Array(bytes[Int(starts[Int(i)]) ..< Int(starts[Int(i) + 1])]) }
    }

    @inline(__always)
    func length(_ i: Int) -> Int { Int(starts[i + 1] &- starts[i]) }

    @inline(__always)
    func byte(_ i: Int, _ offset: Int) -> UInt8 { bytes[Int(starts[i]) &+ offset] }

    /// Whether a later string of the list continues string `i` (so a match of `i` may still grow).
    @inline(__always)
    func isExtendable(_ i: Int) -> Bool { extendable[i] }

    /// Strings `i` and `j` agree on their first `length` bytes (both are at least that long).
    @inline(__always)
    func sharePrefix(_ i: Int, _ j: Int, length: Int) -> Bool {
        let a = Int(starts[i]), b = Int(starts[j])
        var k = 0
        while k < length {
            if bytes[a &+ k] != bytes[b &+ k] { return false }
            k &+= 1
        }
        return true
    }

    /// The smallest index in `current + 1 ... last` that `allowed` admits, agrees with string
    /// `current` on its first `offset` bytes and has `b` at `offset`; -1 when there is none.
    /// Called when the byte leaves the current candidate, whose prefix is the one matched.
    @inline(__always)
    func nextCandidate(after current: Int, through last: Int, offset: Int, byte b: UInt8, allowed: (Int) -> Bool) -> Int {
        var j = current &+ 1
        while j <= last {
            if length(j) > offset && byte(j, offset) == b && allowed(j) && sharePrefix(current, j, length: offset) { return j }
            j &+= 1
        }
        return -1
    }

    /// The smallest admitted index in `first ... last` whose first byte is `b`; -1 when none.
    @inline(__always)
    func firstCandidate(from first: Int, through last: Int, byte b: UInt8, allowed: (Int) -> Bool) -> Int {
        var j = first
        while j <= last {
            if length(j) > 0 && byte(j, 0) == b && allowed(j) { return j }
            j &+= 1
        }
        return -1
    }
}
