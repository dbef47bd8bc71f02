/// Drafts tokens for speculative decoding from the context itself (prompt lookup): find the
/// latest earlier occurrence of the last `n` tokens (longest n first, at least two) and
/// propose what came after it. Free to compute and right often in extraction, RAG answers,
/// quoting and code edits, where the output repeats spans of the input.
///
/// The draft length adapts: it doubles after a draft is accepted whole and halves after one
/// is rejected at its first token, so free-form text (where drafts rarely hold) pays little.
struct PromptLookupDrafter {
    private(set) var context: [Int]
    let maxDraft: Int
    let maxNgram = 3
    let minNgram = 2
    private(set) var budget: Int

    init(context: [Int], maxDraft: Int) {
        self.context = context
        self.maxDraft = max(0, maxDraft)
        budget = max(1, self.maxDraft / 2)
    }

    mutating func append(_ token: Int) { context.append(token) }

    /// Learns from a verification: `accepted` of `drafted` tokens held.
    mutating func record(accepted: Int, of drafted: Int) {
        if accepted == drafted {
            budget = min(maxDraft, budget * 2)
        } else if accepted == 0 {
            budget = max(1, budget / 2)
        }
    }

    /// Up to `min(budget, limit)` tokens; empty when the tail has not occurred before.
    func draft(limit: Int) -> [Int] {
        let count = min(budget, maxDraft, limit)
        guard count > 0, context.count >= 2 else { return [] }
        for n in stride(from: min(maxNgram, context.count - 1), through: minNgram, by: -1) {
            let tail = context.count - n
            // Latest earlier match first: recent text is the likeliest to repeat.
            var start = tail - 1
            while start >= 0 {
                var matches = true
                for i in 0 ..< n where context[start + i] != context[tail + i] {
                    matches = false
                    break
                }
                if matches {
                    let from = start + n
                    let to = min(context.count, from + count)
                    if from < to { return Array(context[from ..< to]) }
                }
                start -= 1
            }
        }
        return []
    }
}
