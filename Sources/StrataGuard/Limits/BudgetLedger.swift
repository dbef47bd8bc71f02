import Foundation

/// Spending caps with reserve-before / settle-after semantics: a request reserves its
/// estimated cost in every budget it touches before calling a provider and settles the
/// actual cost afterwards. Because admission counts reservations as spent, concurrent
/// requests can overshoot a cap only by what actual costs exceed their estimates, never
/// by a whole burst of requests.
public actor BudgetLedger {
    struct LimitKey: Sendable, Hashable {
        var scope: LimitScope
        var period: BudgetPeriod
    }

    struct State {
        var limit: BudgetLimit
        var periodStart: Date
        var spent = BudgetAmount.zero
        var reserved = BudgetAmount.zero
        var alerted: Set<BudgetAlert.Level> = []
    }

    private let clock: any GuardClock
    private var states: [LimitKey: State] = [:]
    private var open: [UInt64: BudgetReservation] = [:]
    private var nextID: UInt64 = 1

    public init(clock: any GuardClock = SystemGuardClock()) {
        self.clock = clock
    }

    /// Adds or replaces a cap; spending recorded so far in the period is kept.
    public func setLimit(_ limit: BudgetLimit) {
        let key = LimitKey(scope: limit.scope, period: limit.period)
        let now = clock.now()
        if var s = states[key] {
            s.limit = limit
            states[key] = s
        } else {
            states[key] = State(limit: limit, periodStart: limit.period.start(containing: now))
        }
    }

    public func removeLimit(scope: LimitScope, period: BudgetPeriod) {
        states[LimitKey(scope: scope, period: period)] = nil
    }

    /// Restores spending already recorded in the store for the current period (on start).
    public func seed(scope: LimitScope, period: BudgetPeriod, spent: BudgetAmount) {
        let key = LimitKey(scope: scope, period: period)
        rollOver(key)
        states[key]?.spent = spent
    }

    /// Reserves `estimate` in every budget of every scope, or in none.
    public func reserve(_ scopes: [LimitScope], estimate: BudgetAmount) -> BudgetDecision {
        // Looked up per scope and period, so the cost does not grow with the number of budgets.
        var keys: [LimitKey] = []
        for scope in scopes {
            for period in BudgetPeriod.allCases {
                let key = LimitKey(scope: scope, period: period)
                if states[key] != nil, !keys.contains(key) { keys.append(key) }
            }
        }
        for key in keys {
            rollOver(key)
            guard let s = states[key] else { continue }
            let committed = s.spent + s.reserved + estimate
            let overMoney = s.limit.maxMicroUSD.map { committed.microUSD > $0 } ?? false
            let overTokens = s.limit.maxTokens.map { committed.tokens > $0 } ?? false
            if overMoney || overTokens {
                let cap = BudgetAmount(microUSD: s.limit.maxMicroUSD ?? 0, tokens: s.limit.maxTokens ?? 0)
                let left = cap - s.spent - s.reserved
                return .exhausted(BudgetExhaustion(
                    scope: key.scope, period: key.period, resetsAt: key.period.end(containing: clock.now()),
                    remaining: BudgetAmount(microUSD: max(0, left.microUSD), tokens: max(0, left.tokens))))
            }
        }
        var alerts: [BudgetAlert] = []
        for key in keys {
            states[key]?.reserved += estimate
            alerts += checkAlerts(key, includeReserved: true)
        }
        let r = BudgetReservation(id: nextID, estimate: estimate, limits: keys)
        nextID += 1
        open[r.id] = r
        return .reserved(r, alerts: alerts)
    }

    /// Replaces the reservation with the actual cost (which may exceed the estimate).
    @discardableResult
    public func settle(_ reservation: BudgetReservation, actual: BudgetAmount) -> [BudgetAlert] {
        guard open.removeValue(forKey: reservation.id) != nil else { return [] }
        var alerts: [BudgetAlert] = []
        for key in reservation.limits where states[key] != nil {
            rollOver(key)
            release(key, reservation.estimate)
            states[key]?.spent += actual
            alerts += checkAlerts(key, includeReserved: false)
        }
        return alerts
    }

    /// Returns a reservation unused (the request failed before any cost was incurred).
    public func cancel(_ reservation: BudgetReservation) {
        guard open.removeValue(forKey: reservation.id) != nil else { return }
        for key in reservation.limits { release(key, reservation.estimate) }
    }

    public func usage(scope: LimitScope, period: BudgetPeriod) -> BudgetUsage? {
        let key = LimitKey(scope: scope, period: period)
        rollOver(key)
        return states[key].map { BudgetUsage(limit: $0.limit, periodStart: $0.periodStart, spent: $0.spent, reserved: $0.reserved) }
    }

    /// Reservations not yet settled or cancelled.
    public var openReservations: Int { open.count }

    private func release(_ key: LimitKey, _ amount: BudgetAmount) {
        guard var s = states[key] else { return }
        s.reserved = BudgetAmount(microUSD: max(0, s.reserved.microUSD - amount.microUSD),
                                  tokens: max(0, s.reserved.tokens - amount.tokens))
        states[key] = s
    }

    /// Starts a new period when the clock has moved past the current one. Reservations made
    /// in the old period stay reserved and settle into the new one.
    private func rollOver(_ key: LimitKey) {
        guard var s = states[key] else { return }
        let start = key.period.start(containing: clock.now())
        if start > s.periodStart {
            s.periodStart = start
            s.spent = .zero
            s.alerted = []
            states[key] = s
        }
    }

    private func checkAlerts(_ key: LimitKey, includeReserved: Bool) -> [BudgetAlert] {
        guard var s = states[key] else { return [] }
        let used = includeReserved ? s.spent + s.reserved : s.spent
        var fraction = 0.0
        if let m = s.limit.maxMicroUSD, m > 0 { fraction = max(fraction, Double(used.microUSD) / Double(m)) }
        if let t = s.limit.maxTokens, t > 0 { fraction = max(fraction, Double(used.tokens) / Double(t)) }
        var out: [BudgetAlert] = []
        // Soft alerts fire on commitment (reservation); exhaustion only on real spending.
        if fraction >= s.limit.softAlertFraction, !s.alerted.contains(.soft) {
            s.alerted.insert(.soft)
            out.append(BudgetAlert(scope: key.scope, period: key.period, level: .soft, fraction: fraction))
        }
        if !includeReserved, fraction >= 1, !s.alerted.contains(.exhausted) {
            s.alerted.insert(.exhausted)
            out.append(BudgetAlert(scope: key.scope, period: key.period, level: .exhausted, fraction: fraction))
        }
        states[key] = s
        return out
    }
}
