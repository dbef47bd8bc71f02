/// Money and tokens together. Money is kept in integer micro-dollars so thousands of tiny
/// charges add up exactly.
public struct BudgetAmount: Sendable, Hashable, Codable, AdditiveArithmetic {
    public var microUSD: Int64
    public var tokens: Int64

    public init(microUSD: Int64 = 0, tokens: Int64 = 0) {
        self.microUSD = microUSD
        self.tokens = tokens
    }

    public init(usd: Double, tokens: Int64 = 0) {
        self.init(microUSD: Int64((usd * 1_000_000).rounded()), tokens: tokens)
    }

    public var usd: Double { Double(microUSD) / 1_000_000 }

    public static let zero = BudgetAmount()

    public static func + (a: BudgetAmount, b: BudgetAmount) -> BudgetAmount {
        BudgetAmount(microUSD: a.microUSD + b.microUSD, tokens: a.tokens + b.tokens)
    }

    public static func - (a: BudgetAmount, b: BudgetAmount) -> BudgetAmount {
        BudgetAmount(microUSD: a.microUSD - b.microUSD, tokens: a.tokens - b.tokens)
    }
}
