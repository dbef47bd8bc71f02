@testable import StrataGuard
import XCTest

final class BudgetLedgerTests: XCTestCase {
    func testReserveSettleAndHardStop() async {
        let clock = ManualGuardClock()
        let ledger = BudgetLedger(clock: clock)
        await ledger.setLimit(BudgetLimit(scope: .tenant("acme"), period: .daily, maxUSD: 1.00))
        guard case .reserved(let r, _) = await ledger.reserve([.tenant("acme")], estimate: BudgetAmount(usd: 0.40)) else { return XCTFail() }
        await ledger.settle(r, actual: BudgetAmount(usd: 0.30))
        guard case .reserved(let r2, _) = await ledger.reserve([.tenant("acme")], estimate: BudgetAmount(usd: 0.70)) else { return XCTFail() }
        guard case .exhausted(let e) = await ledger.reserve([.tenant("acme")], estimate: BudgetAmount(usd: 0.01)) else { return XCTFail() }
        XCTAssertEqual(e.scope, .tenant("acme"))
        XCTAssertEqual(e.remaining, BudgetAmount.zero)
        XCTAssertEqual(e.resetsAt, Date(timeIntervalSince1970: 1_767_225_600 + 86_400))
        await ledger.cancel(r2)
        let usage = await ledger.usage(scope: .tenant("acme"), period: .daily)
        XCTAssertEqual(usage?.spent, BudgetAmount(usd: 0.30))
        XCTAssertEqual(usage?.reserved, .zero)
    }

    func testSoftAlertOnceAndExhaustedAlert() async {
        let ledger = BudgetLedger(clock: ManualGuardClock())
        await ledger.setLimit(BudgetLimit(scope: .key("k"), period: .monthly, maxTokens: 1000, softAlertFraction: 0.5))
        guard case .reserved(let a, let alertsA) = await ledger.reserve([.key("k")], estimate: BudgetAmount(tokens: 600)) else { return XCTFail() }
        XCTAssertEqual(alertsA.map(\.level), [.soft])
        let settled = await ledger.settle(a, actual: BudgetAmount(tokens: 600))
        XCTAssertEqual(settled, [])  // soft already raised this period
        guard case .reserved(let b, _) = await ledger.reserve([.key("k")], estimate: BudgetAmount(tokens: 300)) else { return XCTFail() }
        // Actual exceeds the estimate: overspend is bounded by this one request's error.
        let last = await ledger.settle(b, actual: BudgetAmount(tokens: 450))
        XCTAssertEqual(last.map(\.level), [.exhausted])
        guard case .exhausted = await ledger.reserve([.key("k")], estimate: BudgetAmount(tokens: 1)) else { return XCTFail() }
    }

    func testPeriodsRollOverInUTC() async {
        let clock = ManualGuardClock()  // 2026-01-01T00:00:00Z
        let ledger = BudgetLedger(clock: clock)
        await ledger.setLimit(BudgetLimit(scope: .tenant("t"), period: .daily, maxUSD: 1))
        await ledger.setLimit(BudgetLimit(scope: .tenant("t"), period: .monthly, maxUSD: 1.5))
        guard case .reserved(let r, _) = await ledger.reserve([.tenant("t")], estimate: BudgetAmount(usd: 1)) else { return XCTFail() }
        await ledger.settle(r, actual: BudgetAmount(usd: 1))
        guard case .exhausted(let daily) = await ledger.reserve([.tenant("t")], estimate: BudgetAmount(usd: 0.5)) else { return XCTFail() }
        XCTAssertEqual(daily.period, .daily)
        clock.advance(by: 86_400)
        guard case .reserved(let r2, _) = await ledger.reserve([.tenant("t")], estimate: BudgetAmount(usd: 0.5)) else { return XCTFail("new day") }
        await ledger.settle(r2, actual: BudgetAmount(usd: 0.5))
        guard case .exhausted(let monthly) = await ledger.reserve([.tenant("t")], estimate: BudgetAmount(usd: 0.01)) else { return XCTFail() }
        XCTAssertEqual(monthly.period, .monthly)
        XCTAssertEqual(monthly.resetsAt, Date(timeIntervalSince1970: 1_767_225_600 + 31 * 86_400))
        clock.advance(by: 31 * 86_400)
        guard case .reserved = await ledger.reserve([.tenant("t")], estimate: BudgetAmount(usd: 0.9)) else { return XCTFail("new month") }
    }

    func testConcurrentReservationsNeverOvercommit() async {
        let ledger = BudgetLedger(clock: ManualGuardClock())
        await ledger.setLimit(BudgetLimit(scope: .tenant("t"), period: .total, maxUSD: 10))
        await ledger.setLimit(BudgetLimit(scope: .key("k"), period: .daily, maxTokens: 1_000_000))
        let estimate = BudgetAmount(usd: 0.25, tokens: 100)
        // 200 concurrent requests, each settling at up to 1.2x its estimate.
        let results = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<200 {
                group.addTask {
                    guard case .reserved(let r, _) = await ledger.reserve([.tenant("t"), .key("k")], estimate: estimate) else { return false }
                    let actual = i % 2 == 0 ? BudgetAmount(usd: 0.30, tokens: 120) : BudgetAmount(usd: 0.20, tokens: 80)
                    await ledger.settle(r, actual: actual)
                    return true
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        let usage = await ledger.usage(scope: .tenant("t"), period: .total)
        let admitted = results.filter { $0 }.count
        XCTAssertGreaterThanOrEqual(admitted, 33)
        // Never more than the cap plus one estimate's worth of underestimation per admitted request in flight.
        XCTAssertLessThanOrEqual(usage?.spent.usd ?? 99, 10 + 0.05 * Double(admitted))
        XCTAssertEqual(usage?.reserved, .zero)
        let open = await ledger.openReservations
        XCTAssertEqual(open, 0)
    }

    func testSeedRestoresStoredSpending() async {
        let ledger = BudgetLedger(clock: ManualGuardClock())
        await ledger.setLimit(BudgetLimit(scope: .tenant("t"), period: .monthly, maxUSD: 5))
        await ledger.seed(scope: .tenant("t"), period: .monthly, spent: BudgetAmount(usd: 4.99))
        guard case .exhausted = await ledger.reserve([.tenant("t")], estimate: BudgetAmount(usd: 0.02)) else { return XCTFail() }
    }

    func testLimitDecodesFromConfig() throws {
        let json = #"{"scope": {"kind": "tenant", "id": "acme"}, "period": "daily", "max_usd": 25}"#
        let limit = try JSONDecoder().decode(BudgetLimit.self, from: Data(json.utf8))
        XCTAssertEqual(limit, BudgetLimit(scope: .tenant("acme"), period: .daily, maxUSD: 25))
    }
}

extension BudgetLedgerTests {
    func testConfigApplyAndReload() async throws {
        let json = #"{"limits": [{"scope": "tenant:acme", "period": "daily", "max_usd": 1}, {"scope": "key:k1", "max_tokens": 50}]}"#
        let config = try JSONDecoder().decode(BudgetConfig.self, from: Data(json.utf8))
        XCTAssertEqual(config.limits.last?.period, .monthly)
        let ledger = BudgetLedger(clock: ManualGuardClock())
        await config.apply(to: ledger)
        guard case .exhausted = await ledger.reserve([.key("k1")], estimate: BudgetAmount(tokens: 51)) else { return XCTFail() }
        let reloaded = BudgetConfig(limits: [config.limits[0]])
        await reloaded.apply(to: ledger, replacing: config)
        guard case .reserved = await ledger.reserve([.key("k1")], estimate: BudgetAmount(tokens: 51)) else { return XCTFail("limit removed") }
    }
}
