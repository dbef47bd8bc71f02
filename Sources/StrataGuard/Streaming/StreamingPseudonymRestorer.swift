/// Puts real values back into a streamed response that mentions placeholders, even when a
/// placeholder arrives split across deltas (`"[EMA"` + `"IL_1] wrote"`). Holds back only a
/// trailing `[` that could still become a placeholder.
public struct StreamingPseudonymRestorer: Sendable {
    public let vault: PseudonymVault
    private var pending: [Unicode.Scalar] = []

    public init(vault: PseudonymVault) {
        self.vault = vault
    }

    public mutating func feed(_ delta: String) -> String {
        pending.append(contentsOf: delta.unicodeScalars)
        var hold = pending.count
        if let open = pending.lastIndex(of: "["),
           case .partial = PseudonymVault.placeholderPrefixState(pending, open) {
            hold = open
        }
        return emit(upTo: hold)
    }

    public mutating func finish() -> String {
        emit(upTo: pending.count)
    }

    private mutating func emit(upTo hold: Int) -> String {
        guard hold > 0 else { return "" }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: pending[0..<hold])
        pending.removeFirst(hold)
        return vault.restore(String(text))
    }
}
