/// Budgets as written in configuration, applied to a `BudgetLedger` on load or reload.
/// Limits that disappeared from the file are removed from the ledger.
public struct BudgetConfig: Sendable, Hashable, Codable {
    public var limits: [BudgetLimit]

    public init(limits: [BudgetLimit] = []) {
        self.limits = limits
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        limits = try c.decodeIfPresent([BudgetLimit].self, forKey: .limits) ?? []
    }

    /// `previous`: the configuration applied before, so its dropped limits can be removed.
    public func apply(to ledger: BudgetLedger, replacing previous: BudgetConfig? = nil) async {
        let keep = Set(limits.map { "\($0.scope)|\($0.period.rawValue)" })
        for old in previous?.limits ?? [] where !keep.contains("\(old.scope)|\(old.period.rawValue)") {
            await ledger.removeLimit(scope: old.scope, period: old.period)
        }
        for limit in limits { await ledger.setLimit(limit) }
    }
}
