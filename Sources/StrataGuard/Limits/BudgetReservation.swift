/// Money and tokens set aside for one in-flight request; settle it with the actual cost or
/// cancel it if the request never reached a provider.
public struct BudgetReservation: Sendable, Hashable {
    public let id: UInt64
    public let estimate: BudgetAmount
    let limits: [BudgetLedger.LimitKey]
}
