import Foundation

/// Why a reservation was refused: which budget, and when it resets.
public struct BudgetExhaustion: Sendable, Hashable {
    public var scope: LimitScope
    public var period: BudgetPeriod
    /// Start of the next period; nil for `total` budgets, which never reset.
    public var resetsAt: Date?
    public var remaining: BudgetAmount
}
