import Foundation
import StrataCore
import StrataStore
import XCTest

final class SQLiteStoreTests: XCTestCase {
    var directory = ""
    var store: SQLiteStore!

    override func setUp() async throws {
        directory = NSTemporaryDirectory() + "strata-store-\(UUID().uuidString)"
        store = try SQLiteStore(path: directory + "/nested/strata.sqlite")
    }

    override func tearDown() async throws {
        store = nil
        try? FileManager.default.removeItem(atPath: directory)
    }

    func trace(_ id: String, at time: Double, model: String = "m", key: String? = nil, status: Int = 200) -> TraceRecord {
        var trace = TraceRecord(id: id, createdAt: time, endpoint: "/v1/chat/completions", modelRequested: model)
        trace.keyID = key
        trace.status = status
        trace.attempts = [.init(deployment: "m/0", status: status, error: nil, milliseconds: 12)]
        trace.promptTokens = 10
        trace.completionTokens = 5
        trace.cost = 0.001
        trace.metadata = ["team": "search"]
        return trace
    }

    func testMigrationsAreApplied() throws {
        XCTAssertEqual(try store.appliedMigrations(), ["v1-traces-keys-prices", "v2-trace-guards", "v3-audit-log", "v4-key-roles", "v5-knowledge", "v6-trace-reviews"])
    }

    func testTraceRoundTripAndFilters() async throws {
        try await store.insert([
            trace("t1", at: 100, model: "a", key: "k1"),
            trace("t2", at: 200, model: "b", key: "k2", status: 502),
            trace("t3", at: 300, model: "a", key: "k1"),
        ])
        let all = try await store.list(TraceQuery())
        XCTAssertEqual(all.map(\.id), ["t3", "t2", "t1"], "newest first")
        let stored = try await store.trace(id: "t1")
        XCTAssertEqual(stored, trace("t1", at: 100, model: "a", key: "k1"))

        var query = TraceQuery()
        query.model = "a"
        let forModel = try await store.list(query)
        XCTAssertEqual(forModel.map(\.id), ["t3", "t1"])
        query = TraceQuery()
        query.failed = true
        let failures = try await store.list(query)
        XCTAssertEqual(failures.map(\.id), ["t2"])
        query = TraceQuery()
        query.keyID = "k1"
        query.since = 150
        let windowed = try await store.list(query)
        XCTAssertEqual(windowed.map(\.id), ["t3"])
    }

    func testKeysetPagination() async throws {
        try await store.insert((0..<25).map { trace(String(format: "t%02d", $0), at: Double($0 / 2)) })
        var query = TraceQuery()
        query.limit = 10
        var seen: [String] = []
        while true {
            let page = try await store.list(query)
            seen += page.map(\.id)
            guard page.count == query.limit, let last = page.last else { break }
            query.after = last.id
        }
        XCTAssertEqual(seen.count, 25)
        XCTAssertEqual(Set(seen).count, 25, "no trace twice across pages")
    }

    func testKeysStoreOnlyHashesAndRevoke() async throws {
        let key = APIKeyRecord(id: "key_1", name: "ci", secretHash: "abc123", displayPrefix: "sk-strata-ab",
                               allowedModels: ["m"], metadata: ["team": "x"], createdAt: 1, expiresAt: nil)
        try await store.insert(key)
        let found = try await store.key(secretHash: "abc123")
        XCTAssertEqual(found, key)
        let revoked = try await store.revoke(id: "key_1", at: 5)
        XCTAssertTrue(revoked)
        let again = try await store.revoke(id: "key_1", at: 6)
        XCTAssertFalse(again, "revoking twice reports nothing to do")
        let after = try await store.key(id: "key_1")
        XCTAssertEqual(after?.revokedAt, 5)
        XCTAssertFalse(after?.isUsable(at: 10) ?? true)
    }

    func testPriceOverridesUpsert() async throws {
        try await store.upsert(PriceOverride(deployment: "d", input: 1, output: 2, updatedAt: 1))
        try await store.upsert(PriceOverride(deployment: "d", input: 3, output: 4, updatedAt: 2))
        let prices = try await store.priceOverrides()
        XCTAssertEqual(prices, [PriceOverride(deployment: "d", input: 3, output: 4, updatedAt: 2)])
    }

    func testReopenKeepsData() async throws {
        try await store.insert([trace("kept", at: 1)])
        let path = store.path
        store = nil
        let reopened = try SQLiteStore(path: path)
        let kept = try await reopened.trace(id: "kept")
        XCTAssertNotNil(kept)
    }
}
