/// A spending cap for one scope over one period: money, tokens or both. Crossing
/// `softAlertFraction` raises an alert once per period; the cap itself is a hard stop.
public struct BudgetLimit: Sendable, Hashable, Codable {
    public var scope: LimitScope
    public var period: BudgetPeriod
    public var maxUSD: Double?
    public var maxTokens: Int64?
    public var softAlertFraction: Double

    public init(scope: LimitScope, period: BudgetPeriod, maxUSD: Double? = nil, maxTokens: Int64? = nil, softAlertFraction: Double = 0.8) {
        self.scope = scope
        self.period = period
        self.maxUSD = maxUSD
        self.maxTokens = maxTokens
        self.softAlertFraction = softAlertFraction
    }

    var maxMicroUSD: Int64? { maxUSD.map { Int64(($0 * 1_000_000).rounded()) } }

    enum CodingKeys: String, CodingKey {
        case scope, period
        case maxUSD = "max_usd"
        case maxTokens = "max_tokens"
        case softAlertFraction = "soft_alert_fraction"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scope = try c.decode(LimitScope.self, forKey: .scope)
        period = try c.decodeIfPresent(BudgetPeriod.self, forKey: .period) ?? .monthly
        maxUSD = try c.decodeIfPresent(Double.self, forKey: .maxUSD)
        maxTokens = try c.decodeIfPresent(Int64.self, forKey: .maxTokens)
        softAlertFraction = try c.decodeIfPresent(Double.self, forKey: .softAlertFraction) ?? 0.8
    }
}
