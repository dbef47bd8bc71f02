import Foundation

/// A token bucket that refills continuously at `capacity` per minute. Balance may go
/// negative when a request used more tokens than it estimated: the debt delays the next ones.
struct TokenBucket: Sendable {
    let capacity: Double
    var balance: Double
    var updated: Date

    init(perMinute: Int, now: Date) {
        capacity = Double(max(1, perMinute))
        balance = capacity
        updated = now
    }

    var ratePerSecond: Double { capacity / 60 }

    mutating func refill(_ now: Date) {
        let elapsed = now.timeIntervalSince(updated)
        if elapsed > 0 {
            balance = min(capacity, balance + elapsed * ratePerSecond)
            updated = now
        }
    }

    /// Seconds until `amount` is available (0 when it already is).
    func wait(for amount: Double) -> TimeInterval {
        let needed = min(amount, capacity) - balance
        return needed <= 0 ? 0 : needed / ratePerSecond
    }
}
