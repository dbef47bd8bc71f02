/// Where a constrained JSON document is so far: a value type, cheap to copy, started from
/// `JSONSchemaGrammar.start()`. The sampler asks `allows` for candidate tokens and `advance`s
/// with the chosen one. Every prefix it accepts can still be completed to a valid document.
///
/// Usually one reading of the prefix is live; while `anyOf` alternatives are undecided there are
/// several (at most `maxAlternatives`, the earliest alternatives kept when there would be more).
public struct JSONMatcher: Sendable {
    public static let maxAlternatives = 16

    private let grammar: CompiledGrammar
    private var head: ParseStack
    /// Further live readings; empty except inside undecided `anyOf` alternatives.
    private var others: [ParseStack] = []

    init(grammar: CompiledGrammar) {
        self.grammar = grammar
        head = ParseStack(root: grammar.root)
    }

    /// Whether `bytes` may follow the current prefix (the result could still be completed to a
    /// valid document). An empty collection is always allowed.
    public func allows<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        // Contiguous bytes (arrays, slices, one byte) take the non-generic loop, which stays fast
        // when the caller is in another module and this function is not specialized for it.
        if let result = bytes.withContiguousStorageIfAvailable({ allows(buffer: $0) }) { return result }
        var probe = self
        for b in bytes where !probe.consume(b) { return false }
        return true
    }

    private func allows(buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard others.isEmpty else {
            var probe = self
            return probe.consumeAll(buffer)
        }
        // One reading (the usual case): step a copy of it alone, and only if an `anyOf` opens
        // alternatives go on with a whole matcher.
        var stack = head
        for i in buffer.indices {
            var forks: [ParseStack]? = nil
            let alive = stack.step(buffer[i], grammar, forks: &forks)
            guard let opened = forks, !opened.isEmpty else {
                if alive { continue } else { return false }
            }
            var probe = self
            probe.head = alive ? stack : opened[0]
            probe.others = []
            for f in opened.dropFirst(alive ? 0 : 1) { probe.keep(f) }
            return probe.consumeAll(UnsafeBufferPointer(rebasing: buffer[(i + 1)...]))
        }
        return true
    }

    /// Appends bytes already known to be allowed. Bytes that are not allowed leave the matcher
    /// unchanged (and stop debug builds).
    public mutating func advance<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        var next = self
        let taken = bytes.withContiguousStorageIfAvailable { next.consumeAll($0) } ?? bytes.allSatisfy { next.consume($0) }
        guard taken else {
            assertionFailure("JSONMatcher.advance: bytes not allowed by the schema")
            return
        }
        self = next
    }

    private mutating func consumeAll(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in buffer where !consume(b) { return false }
        return true
    }

    /// The prefix is a complete valid document (generation may stop here). A number at the end
    /// is complete although more digits could follow.
    public var isComplete: Bool {
        head.isComplete(grammar) || others.contains { $0.isComplete(grammar) }
    }

    /// No further byte could be accepted (the document is complete and closed), so generation must stop.
    public var mustStop: Bool {
        head.hasEnded && others.allSatisfy(\.hasEnded)
    }

    /// Live readings of the prefix (1 unless `anyOf` alternatives are undecided).
    var alternativeCount: Int { 1 + others.count }

    @inline(__always)
    private mutating func consume(_ b: UInt8) -> Bool {
        guard others.isEmpty else { return consumeEach(b) }
        var forks: [ParseStack]? = nil
        let alive = head.step(b, grammar, forks: &forks)
        guard var opened = forks, !opened.isEmpty else { return alive }
        if !alive { head = opened.removeFirst() }
        others = []
        for f in opened { keep(f) }
        return true
    }

    /// Feeds `b` to every live reading, keeping those that take it (in order, without duplicates).
    private mutating func consumeEach(_ b: UInt8) -> Bool {
        let readings = [head] + others
        var survivors: [ParseStack] = []
        for var reading in readings {
            var forks: [ParseStack]? = nil
            if reading.step(b, grammar, forks: &forks) { survivors.append(reading) }
            survivors += forks ?? []
        }
        guard let first = survivors.first else { return false }
        head = first
        others = []
        for s in survivors.dropFirst() { keep(s) }
        return true
    }

    private mutating func keep(_ reading: ParseStack) {
        guard others.count + 1 < Self.maxAlternatives, reading != head, !others.contains(reading) else { return }
        others.append(reading)
    }
}
