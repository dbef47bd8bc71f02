@testable import StrataGuard
import XCTest

final class PseudonymVaultTests: XCTestCase {
    func testRedactNumbersPerKindAndReusesPlaceholders() {
        let text = "mail a@example.com, b@example.com, again a@example.com; call +44 20 7946 0958"
        let findings = PIIScanner().scan(text)
        var vault = PseudonymVault()
        let redacted = PIIRedactor.redact(text, findings: findings, vault: &vault)
        XCTAssertEqual(redacted, "mail [EMAIL_1], [EMAIL_2], again [EMAIL_1]; call [PHONE_1]")
        XCTAssertEqual(vault.count, 3)
        XCTAssertEqual(vault.restore("Reply to [EMAIL_2] and [PHONE_1], not [EMAIL_9] or [x]"),
                       "Reply to b@example.com and +44 20 7946 0958, not [EMAIL_9] or [x]")
    }

    func testRedactionKeepsSurroundingUnicode() {
        let text = "Grüße 👋 an jane@example.com 🎉"
        XCTAssertEqual(PIIRedactor.redact(text, findings: PIIScanner().scan(text)), "Grüße 👋 an [EMAIL_1] 🎉")
    }

    func testVaultIsCodable() throws {
        var vault = PseudonymVault()
        _ = vault.placeholder(for: "4111 1111 1111 1111", kind: .creditCard)
        let data = try JSONEncoder().encode(vault)
        let back = try JSONDecoder().decode(PseudonymVault.self, from: data)
        XCTAssertEqual(back, vault)
        XCTAssertEqual(back.value(for: "[CREDIT_CARD_1]"), "4111 1111 1111 1111")
    }

    func testPIIGuardActions() {
        let g = PIIGuard()
        XCTAssertEqual(g.check("hello world", direction: .input), .allow)
        guard case .redact(let f) = g.check("mail jane@example.com", direction: .input) else { return XCTFail() }
        XCTAssertEqual(f.map(\.kind), [.email])
        guard case .block(let reason, _) = g.check("key AKIAIOSFODNN7EXAMPLE", direction: .input) else { return XCTFail() }
        XCTAssertEqual(reason, "text contains sensitive data: aws_access_key")
        XCTAssertFalse(reason.contains("AKIA"))
        let flagOnly = PIIGuard(actions: [:], defaultAction: .flag)
        guard case .flag = flagOnly.check("jane@example.com", direction: .output) else { return XCTFail() }
    }
}

extension PseudonymVaultTests {
    func testScannerRestrictedToKinds() {
        let scanner = PIIScanner(kinds: [.openAIKey, .email])
        let kinds = scanner.scan("AKIAIOSFODNN7EXAMPLE sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z a@example.com +44 20 7946 0958").map(\.kind)
        XCTAssertEqual(kinds, [.openAIKey, .email])
    }
}
