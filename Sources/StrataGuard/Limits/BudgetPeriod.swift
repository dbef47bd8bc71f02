import Foundation

/// The window a budget resets on, in UTC.
public enum BudgetPeriod: String, Sendable, Hashable, Codable, CaseIterable {
    case daily, monthly
    /// Never resets (a prepaid allowance).
    case total

    static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? c.timeZone
        return c
    }()

    /// Start of the period containing `date`.
    public func start(containing date: Date) -> Date {
        let c = Self.utc
        switch self {
        case .daily: return c.startOfDay(for: date)
        case .monthly: return c.date(from: c.dateComponents([.year, .month], from: date)) ?? c.startOfDay(for: date)
        case .total: return Date(timeIntervalSince1970: 0)
        }
    }

    /// Start of the next period, or nil for `total`.
    public func end(containing date: Date) -> Date? {
        let start = start(containing: date)
        switch self {
        case .daily: return Self.utc.date(byAdding: .day, value: 1, to: start)
        case .monthly: return Self.utc.date(byAdding: .month, value: 1, to: start)
        case .total: return nil
        }
    }
}
