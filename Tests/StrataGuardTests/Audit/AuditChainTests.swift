@testable import StrataGuard
import XCTest

final class AuditChainTests: XCTestCase {
    func makeChain(_ n: Int, hasher: AuditHasher = AuditHasher()) -> [AuditRecord] {
        var chain = AuditChain(hasher: hasher)
        return (0..<n).map { i in
            chain.append(actor: "admin", action: "key.create", subject: "key_\(i)",
                         details: ["tenant": "acme", "n": String(i)], at: Date(timeIntervalSince1970: 1_767_225_600 + Double(i)))
        }
    }

    func testValidChainAndKnownHash() {
        let records = makeChain(5)
        XCTAssertEqual(records.first?.previousHash, AuditChain.genesisHash)
        XCTAssertEqual(records[1].previousHash, records[0].hash)
        XCTAssertEqual(AuditChainVerifier().verify(records), .valid(count: 5, lastHash: records[4].hash))
        XCTAssertEqual(records[0].hash.count, 64)
        // Deterministic: the same content always hashes the same.
        XCTAssertEqual(makeChain(1)[0].hash, records[0].hash)
    }

    func testEditedRowIsPinpointed() {
        var records = makeChain(6)
        records[3].details["tenant"] = "evil"
        XCTAssertEqual(AuditChainVerifier().verify(records), .broken(index: 3, sequence: 4, problem: .edited))
    }

    func testRecomputedRowBreaksTheNextLink() {
        var records = makeChain(6)
        records[2].subject = "key_forged"
        records[2].hash = AuditHasher().hash(records[2])
        XCTAssertEqual(AuditChainVerifier().verify(records), .broken(index: 3, sequence: 4, problem: .brokenLink))
    }

    func testDeletedAndReorderedRows() {
        var deleted = makeChain(6)
        deleted.remove(at: 2)
        XCTAssertEqual(AuditChainVerifier().verify(deleted), .broken(index: 2, sequence: 4, problem: .missing(expected: 3, found: 4)))
        var reordered = makeChain(6)
        reordered.swapAt(1, 4)
        XCTAssertEqual(AuditChainVerifier().verify(reordered), .broken(index: 1, sequence: 5, problem: .missing(expected: 2, found: 5)))
        var swappedBack = makeChain(6)
        swappedBack.swapAt(3, 4)
        XCTAssertEqual(AuditChainVerifier().verify(swappedBack), .broken(index: 3, sequence: 5, problem: .missing(expected: 4, found: 5)))
        var duplicated = makeChain(4)
        duplicated.insert(duplicated[1], at: 2)
        XCTAssertEqual(AuditChainVerifier().verify(duplicated), .broken(index: 2, sequence: 2, problem: .outOfOrder(expected: 3, found: 2)))
    }

    func testRenumberedDeletionIsStillCaught() {
        // An attacker deletes row 3 and renumbers the rest: the hashes no longer match.
        var records = makeChain(5)
        records.remove(at: 2)
        records[2].sequence = 3
        records[3].sequence = 4
        XCTAssertEqual(AuditChainVerifier().verify(records), .broken(index: 2, sequence: 3, problem: .edited))
    }

    func testTruncationNeedsAnAnchor() {
        let records = makeChain(5)
        let anchor = AuditAnchor(sequence: 5, hash: records[4].hash)
        XCTAssertTrue(AuditChainVerifier().verify(records.prefix(3)).isValid)
        XCTAssertEqual(AuditChainVerifier().verify(records.prefix(3), anchor: anchor),
                       .broken(index: 3, sequence: nil, problem: .truncated(expectedLastSequence: 5, foundLastSequence: 3)))
        XCTAssertTrue(AuditChainVerifier().verify(records, anchor: anchor).isValid)
    }

    func testIncrementalVerificationAndResume() {
        let records = makeChain(4)
        var resumed = AuditChain(resumingAfter: records[3])
        let next = resumed.append(actor: "system", action: "policy.update", subject: "default", at: Date(timeIntervalSince1970: 0))
        XCTAssertEqual(next.sequence, 5)
        XCTAssertEqual(AuditChainVerifier().verify([next], after: records[3]), .valid(count: 1, lastHash: next.hash))
    }

    func testKeyedChainRejectsUnkeyedForgery() {
        let keyed = AuditHasher(key: Array("audit-key-from-config".utf8))
        var records = makeChain(3, hasher: keyed)
        XCTAssertTrue(AuditChainVerifier(hasher: keyed).verify(records).isValid)
        XCTAssertFalse(AuditChainVerifier().verify(records).isValid)
        // Rewriting with plain SHA-256 (no key) does not pass the keyed verifier.
        records = makeChain(3)
        XCTAssertEqual(AuditChainVerifier(hasher: keyed).verify(records), .broken(index: 0, sequence: 1, problem: .edited))
    }

    func testCanonicalBytesSeparateFields() {
        let a = AuditRecord(sequence: 1, timestampMillis: 0, actor: "ab", action: "c", subject: "", details: [:], previousHash: "")
        let b = AuditRecord(sequence: 1, timestampMillis: 0, actor: "a", action: "bc", subject: "", details: [:], previousHash: "")
        XCTAssertNotEqual(a.canonicalBytes, b.canonicalBytes)
        let c = AuditRecord(sequence: 1, timestampMillis: 0, actor: "", action: "", subject: "", details: ["b": "1", "a": "2"], previousHash: "")
        let d = AuditRecord(sequence: 1, timestampMillis: 0, actor: "", action: "", subject: "", details: ["a": "2", "b": "1"], previousHash: "")
        XCTAssertEqual(c.canonicalBytes, d.canonicalBytes)
    }

    func testRecordRoundTripsThroughJSON() throws {
        let record = makeChain(1)[0]
        let back = try JSONDecoder().decode(AuditRecord.self, from: JSONEncoder().encode(record))
        XCTAssertEqual(back, record)
        XCTAssertEqual(AuditHasher().hash(back), record.hash)
    }
}
