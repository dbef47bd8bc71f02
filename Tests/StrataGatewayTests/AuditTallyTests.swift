import Foundation
import Logging
import StrataCore
import StrataGateway
import StrataStore
import StrataTestSupport
import XCTest

final class AuditTallyTests: XCTestCase {
    func testUsesAreCountedIntoOneChainedEntryPerKeyAndPeriod() async throws {
        let path = NSTemporaryDirectory() + "strata-keyuse-\(UUID().uuidString)/db.sqlite"
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = try SQLiteStore(path: path)
        let time = ManualTime()
        let log = try await AuditLog(store: store, time: time, logger: Logger(label: "test"))
        let ledger = AuditTally(audit: log, time: time)
        let a = APIKeyRecord(id: "key_a", name: "alpha", secretHash: "h1", displayPrefix: "sk", allowedModels: [], metadata: [:],
                             createdAt: 0, expiresAt: nil)
        let b = APIKeyRecord(id: "key_b", name: "beta", secretHash: "h2", displayPrefix: "sk", allowedModels: [], metadata: [:],
                             createdAt: 0, expiresAt: nil)
        for _ in 0..<3 { await ledger.noteUse(of: a) }
        time.advance(5)
        await ledger.noteUse(of: a)
        await ledger.noteUse(of: b)
        await ledger.flush()
        await ledger.flush()  // nothing new: no entries
        let entries = try await store.auditEntries(after: nil, limit: nil)
        XCTAssertEqual(entries.map(\.action), ["key.use", "key.use"])
        XCTAssertEqual(entries.first { $0.subject == "key:key_a" }?.details["count"], "4")
        XCTAssertEqual(entries.first { $0.subject == "key:key_b" }?.details["count"], "1")
        let first = Double(entries.first { $0.subject == "key:key_a" }?.details["first"] ?? "") ?? 0
        let last = Double(entries.first { $0.subject == "key:key_a" }?.details["last"] ?? "") ?? 0
        XCTAssertEqual(last - first, 5, accuracy: 0.01)
    }
}
