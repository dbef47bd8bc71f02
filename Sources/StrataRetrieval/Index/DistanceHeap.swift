/// A binary heap of (distance, slot) pairs, min- or max-ordered by distance; the search keeps a
/// min-heap of candidates to expand and a max-heap of the best results so far.
struct DistanceHeap {
    struct Entry { var distance: Float; var slot: Int32 }
    private(set) var items: [Entry] = []
    let isMax: Bool

    init(isMax: Bool, capacity: Int = 0) {
        self.isMax = isMax
        items.reserveCapacity(capacity)
    }

    var count: Int { items.count }
    var isEmpty: Bool { items.isEmpty }
    var top: Entry? { items.first }

    @inline(__always) private func before(_ a: Entry, _ b: Entry) -> Bool {
        isMax ? a.distance > b.distance : a.distance < b.distance
    }

    mutating func push(_ distance: Float, _ slot: Int32) {
        items.append(Entry(distance: distance, slot: slot))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard before(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    @discardableResult
    mutating func pop() -> Entry? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            let n = items.count
            while true {
                let l = 2 * i + 1, r = l + 1
                var best = i
                if l < n && before(items[l], items[best]) { best = l }
                if r < n && before(items[r], items[best]) { best = r }
                if best == i { break }
                items.swapAt(i, best)
                i = best
            }
        }
        return first
    }
}
