/// Greedy pair merging shared by both BPE flavours: repeatedly merge the adjacent pair with the
/// best priority (lowest rank for GPT-2 merges, highest score for SentencePiece), leftmost first
/// on ties. A heap of candidate pairs with lazy invalidation makes it O(n log n), so a long
/// run of symbols (a base64 blob, a line of '=') cannot stall the engine.
struct PairMerger<Symbol> {
    struct Candidate {
        var priority: Float // smaller merges first
        var left: Int
        var right: Int
        var leftVersion: Int
        var rightVersion: Int
        var merged: Symbol
    }

    private(set) var symbols: [Symbol]
    private var next: [Int]
    private var prev: [Int]
    private var version: [Int]
    private var heap: [Candidate] = []
    /// Priority and result of merging two adjacent symbols, or nil if they do not merge.
    private let rule: (Symbol, Symbol) -> (Float, Symbol)?

    init(_ symbols: [Symbol], rule: @escaping (Symbol, Symbol) -> (Float, Symbol)?) {
        self.symbols = symbols
        self.rule = rule
        next = Array(1 ... max(1, symbols.count))
        next[next.count - 1] = -1
        prev = (0 ..< symbols.count).map { $0 - 1 }
        version = [Int](repeating: 0, count: symbols.count)
    }

    /// Runs all merges and returns the surviving symbols in order.
    mutating func run() -> [Symbol] {
        guard symbols.count > 1 else { return symbols }
        for i in 0 ..< symbols.count - 1 { consider(i, i + 1) }
        while let c = pop() {
            guard version[c.left] == c.leftVersion, version[c.right] == c.rightVersion, next[c.left] == c.right else { continue }
            symbols[c.left] = c.merged
            version[c.left] += 1
            version[c.right] = -1 // dead
            let after = next[c.right]
            next[c.left] = after
            if after >= 0 { prev[after] = c.left }
            if prev[c.left] >= 0 { consider(prev[c.left], c.left) }
            if after >= 0 { consider(c.left, after) }
        }
        var out: [Symbol] = []
        var i = 0
        while i >= 0 { out.append(symbols[i]); i = next[i] }
        return out
    }

    private mutating func consider(_ l: Int, _ r: Int) {
        guard let (p, merged) = rule(symbols[l], symbols[r]) else { return }
        push(Candidate(priority: p, left: l, right: r, leftVersion: version[l], rightVersion: version[r], merged: merged))
    }

    @inline(__always)
    private func before(_ a: Candidate, _ b: Candidate) -> Bool {
        a.priority < b.priority || (a.priority == b.priority && a.left < b.left)
    }

    private mutating func push(_ c: Candidate) {
        heap.append(c)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard before(heap[i], heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    private mutating func pop() -> Candidate? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count && before(heap[l], heap[m]) { m = l }
                if r < heap.count && before(heap[r], heap[m]) { m = r }
                if m == i { break }
                heap.swapAt(i, m)
                i = m
            }
        }
        return top
    }
}
