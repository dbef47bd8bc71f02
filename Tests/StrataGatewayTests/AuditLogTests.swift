import Foundation
import GRDB
import Logging
import StrataCore
import StrataGateway
import StrataGuard
import StrataStore
import StrataTestSupport
import XCTest

final class AuditLogTests: XCTestCase {
    func makeLog() async throws -> (AuditLog, SQLiteStore, String) {
        let path = NSTemporaryDirectory() + "strata-audit-\(UUID().uuidString)/db.sqlite"
        let store = try SQLiteStore(path: path)
        let log = try await AuditLog(store: store, time: ManualTime(), logger: Logger(label: "test"))
        for index in 1...5 {
            await log.record(actor: "admin", action: "key.create", subject: "key:\(index)", details: ["name": "k\(index)"])
        }
        return (log, store, path)
    }

    func testIntactChainVerifiesAndResumesAcrossRestarts() async throws {
        let (_, store, path) = try await makeLog()
        let first = try await AuditLog.verify(store)
        XCTAssertTrue(first.isValid, "\(first)")
        let reopened = try SQLiteStore(path: path)
        let resumed = try await AuditLog(store: reopened, time: ManualTime(), logger: Logger(label: "test"))
        await resumed.record(actor: "system", action: "config.reload", subject: "config")
        let verification = try await AuditLog.verify(reopened)
        guard case .valid(let count, _) = verification else { return XCTFail("\(verification)") }
        XCTAssertEqual(count, 6)
    }

    func testEditedRowIsPinpointed() async throws {
        let (_, store, path) = try await makeLog()
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "UPDATE audit_log SET subject = 'key:999' WHERE sequence = 3")
        }
        let verification = try await AuditLog.verify(store)
        XCTAssertEqual(verification, .broken(index: 2, sequence: 3, problem: .edited))
    }

    func testDeletedRowIsPinpointed() async throws {
        let (_, store, path) = try await makeLog()
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in try db.execute(sql: "DELETE FROM audit_log WHERE sequence = 2") }
        let verification = try await AuditLog.verify(store)
        guard case .broken(let index, _, let problem) = verification else { return XCTFail("deletion not detected") }
        XCTAssertEqual(index, 1)
        XCTAssertEqual(problem, .missing(expected: 2, found: 3))
    }
}
