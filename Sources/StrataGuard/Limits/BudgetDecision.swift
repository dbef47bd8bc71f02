/// The ledger's answer to a reservation request.
public enum BudgetDecision: Sendable, Hashable {
    case reserved(BudgetReservation, alerts: [BudgetAlert])
    case exhausted(BudgetExhaustion)
}
