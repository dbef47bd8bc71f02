import Foundation

/// A budget crossed its soft threshold or hit its cap; raised once per period per kind.
public struct BudgetAlert: Sendable, Hashable {
    public enum Level: String, Sendable, Hashable, Codable { case soft, exhausted }

    public var scope: LimitScope
    public var period: BudgetPeriod
    public var level: Level
    /// Spent fraction of the tighter of the money and token caps.
    public var fraction: Double
}
