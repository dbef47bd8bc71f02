/// One word of folded text, lower-cased and with leetspeak decoded (`1gn0re` → `ignore`,
/// `$h!t` → `shit`); `*` inside a word is kept as a one-letter wildcard (`f*ck`).
public struct WordToken: Sendable, Hashable {
    public var text: String
    /// Folded-text range the word came from.
    public var range: Range<Int>
}
