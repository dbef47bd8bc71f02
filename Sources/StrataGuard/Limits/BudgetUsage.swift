import Foundation

/// A budget's state in its current period, for dashboards and the admin API.
public struct BudgetUsage: Sendable, Hashable {
    public var limit: BudgetLimit
    public var periodStart: Date
    public var spent: BudgetAmount
    public var reserved: BudgetAmount
}
