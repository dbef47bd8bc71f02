#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Picks the next token from logits: penalties, then greedy or temperature / top-k / top-p /
/// min-p sampling with an injected seeded generator. One per request.
struct Sampler {
    let parameters: SamplingParameters
    private var rng: SeededGenerator
    /// Output token → occurrences, for frequency and presence penalties.
    private var counts: [Int: Int] = [:]
    private var recent: [Int]
    static let repetitionWindow = 64

    init(parameters: SamplingParameters, seed: UInt64, prompt: [Int]) {
        self.parameters = parameters
        rng = SeededGenerator(seed: seed)
        recent = Array(prompt.suffix(Self.repetitionWindow))
    }

    mutating func accept(_ token: Int) {
        counts[token, default: 0] += 1
        recent.append(token)
        if recent.count > Self.repetitionWindow { recent.removeFirst(recent.count - Self.repetitionWindow) }
    }

    /// Chooses a token; `logits` is modified (penalties applied).
    mutating func sample(_ logits: UnsafeMutablePointer<Float>, count n: Int) -> Int {
        applyPenalties(logits, count: n)
        return choose(logits, count: n)
    }

    /// Chooses a token that `allowed` accepts, as if sampling from the distribution with every
    /// other token removed: a refused choice is masked out and the choice made again. After 32
    /// refusals every token is checked once. nil when no token is allowed.
    mutating func sample(_ logits: UnsafeMutablePointer<Float>, count n: Int, allowed: (Int) -> Bool) -> Int? {
        applyPenalties(logits, count: n)
        for _ in 0 ..< 32 {
            let token = choose(logits, count: n)
            guard logits[token] > -Float.infinity else { return nil }
            if allowed(token) { return token }
            logits[token] = -Float.infinity
        }
        var any = false
        for i in 0 ..< n where logits[i] > -Float.infinity {
            if allowed(i) { any = true } else { logits[i] = -Float.infinity }
        }
        return any ? choose(logits, count: n) : nil
    }

    private func applyPenalties(_ logits: UnsafeMutablePointer<Float>, count n: Int) {
        let p = parameters
        if p.repetitionPenalty != 1 && p.repetitionPenalty > 0 {
            for t in Set(recent) where t < n {
                logits[t] = logits[t] > 0 ? logits[t] / p.repetitionPenalty : logits[t] * p.repetitionPenalty
            }
        }
        if p.frequencyPenalty != 0 || p.presencePenalty != 0 {
            for (t, c) in counts where t < n {
                logits[t] -= p.frequencyPenalty * Float(c) + p.presencePenalty
            }
        }
    }

    private mutating func choose(_ logits: UnsafeMutablePointer<Float>, count n: Int) -> Int {
        let p = parameters
        var best = 0
        for i in 1 ..< n where logits[i] > logits[best] { best = i }
        if p.temperature <= 0 || p.topK == 1 { return best }

        // Candidates: top-k if set, else every token not negligibly unlikely (below e^-16 of
        // the best after temperature, which no top-p / min-p setting could reach in practice).
        let invT = 1 / p.temperature
        let maxLogit = logits[best]
        var cand: [(id: Int, logit: Float)] = []
        if p.topK > 0 && p.topK < n {
            cand = Self.topK(logits, n, p.topK)
        } else {
            let floor = maxLogit - 16 * p.temperature
            for i in 0 ..< n where logits[i] >= floor { cand.append((i, logits[i])) }
            cand.sort { $0.logit > $1.logit }
        }
        var probs = cand.map { expf(($0.logit - maxLogit) * invT) }
        var total = probs.reduce(0, +)
        var keep = probs.count
        if p.topP < 1 {
            var cum: Float = 0
            for (i, q) in probs.enumerated() {
                cum += q / total
                if cum >= p.topP { keep = i + 1; break }
            }
        }
        if p.minP > 0 {
            let threshold = p.minP * probs[0]
            var k = 1
            while k < keep && probs[k] >= threshold { k += 1 }
            keep = k
        }
        probs.removeLast(probs.count - keep)
        total = probs.reduce(0, +)
        var r = rng.unit() * total
        for (i, q) in probs.enumerated() {
            r -= q
            if r < 0 { return cand[i].id }
        }
        return cand[keep - 1].id
    }

    /// The k largest logits, largest first.
    static func topK(_ logits: UnsafePointer<Float>, _ n: Int, _ k: Int) -> [(id: Int, logit: Float)] {
        var heap: [(id: Int, logit: Float)] = [] // min-heap on logit
        heap.reserveCapacity(k)
        func siftDown(_ i0: Int) {
            var i = i0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count && heap[l].logit < heap[m].logit { m = l }
                if r < heap.count && heap[r].logit < heap[m].logit { m = r }
                if m == i { return }
                heap.swapAt(i, m); i = m
            }
        }
        for i in 0 ..< n {
            let v = logits[i]
            if heap.count < k {
                heap.append((i, v))
                var c = heap.count - 1
                while c > 0 && heap[(c - 1) / 2].logit > heap[c].logit { heap.swapAt(c, (c - 1) / 2); c = (c - 1) / 2 }
            } else if v > heap[0].logit {
                heap[0] = (i, v)
                siftDown(0)
            }
        }
        return heap.sorted { $0.logit > $1.logit }
    }

    /// log-softmax of the chosen token and the `top` most likely tokens, from raw logits.
    static func logprobs(_ logits: UnsafePointer<Float>, _ n: Int, chosen: Int, top: Int) -> (Float, [(id: Int, logprob: Float)]) {
        var m = -Float.infinity
        for i in 0 ..< n where logits[i] > m { m = logits[i] }
        var s: Float = 0
        for i in 0 ..< n { s += expf(logits[i] - m) }
        let lse = m + logf(s)
        let alts = top > 0 ? topK(logits, n, top).map { ($0.id, $0.logit - lse) } : []
        return (logits[chosen] - lse, alts)
    }
}
