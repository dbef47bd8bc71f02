/// A half-open range of Unicode-scalar offsets into the text a guard checked.
///
/// Scalar offsets (not UTF-16 or `Character`) because they are stable across platforms
/// and cheap to map back onto `String.unicodeScalars`.
public struct TextSpan: Sendable, Hashable, Codable, Comparable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    public var length: Int { end - start }

    public func overlaps(_ other: TextSpan) -> Bool {
        start < other.end && other.start < end
    }

    public static func < (lhs: TextSpan, rhs: TextSpan) -> Bool {
        lhs.start != rhs.start ? lhs.start < rhs.start : lhs.end < rhs.end
    }
}
