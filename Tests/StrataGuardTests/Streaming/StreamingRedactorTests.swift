@testable import StrataGuard
import XCTest

final class StreamingRedactorTests: XCTestCase {
    /// Feeds `text` in pieces of `size` scalars and returns everything emitted.
    func stream(_ text: String, size: Int, redactor: inout StreamingRedactor) -> (String, [String]) {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        var pieces: [String] = []
        var i = 0
        while i < scalars.count {
            var d = String.UnicodeScalarView()
            d.append(contentsOf: scalars[i..<min(scalars.count, i + size)])
            let emitted = redactor.feed(String(d))
            pieces.append(emitted)
            out += emitted
            i += size
        }
        out += redactor.finish()
        return (out, pieces)
    }

    func testRedactsValuesSplitAcrossDeltasForEveryChunkSize() {
        let text = "Sure. Contact jane.doe@example.com or call +44 20 7946 0958. Card 4111 1111 1111 1111 is on file. Token "
            + SecretDetectorTests.jwt + " expires soon. " + String(repeating: "Filler text goes here. ", count: 10)
        let expected = PIIRedactor.redact(text, findings: PIIScanner().scan(text))
        for size in [1, 2, 3, 5, 7, 16, 64, 1000] {
            var r = StreamingRedactor()
            let (out, _) = stream(text, size: size, redactor: &r)
            XCTAssertEqual(out, expected, "chunk size \(size)")
            XCTAssertEqual(r.findings.map(\.kind), [.email, .phone, .creditCard, .jwt], "chunk size \(size)")
            XCTAssertTrue(r.sawBlockedContent)
        }
    }

    func testEmitsEarlyAndHoldsOnlyTheWindow() {
        var r = StreamingRedactor(lookBehind: 32)
        let text = String(repeating: "plain words only here ", count: 20)
        let (out, pieces) = stream(text, size: 10, redactor: &r)
        // Output starts long before the end and the held-back tail stays small.
        XCTAssertFalse(pieces.prefix(10).joined().isEmpty)
        XCTAssertEqual(out, text)
        var r2 = StreamingRedactor(lookBehind: 32)
        _ = r2.feed(text)
        XCTAssertLessThanOrEqual(r2.heldBack, 32 + 8)
    }

    func testOpenPrivateKeyIsHeldUntilItCloses() {
        var r = StreamingRedactor(lookBehind: 32)
        var out = r.feed("here: -----BEGIN PRIVATE KEY-----\n")
        for _ in 0..<20 { out += r.feed("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC\n") }
        XCTAssertFalse(out.contains("MIIE"))
        out += r.feed("-----END PRIVATE KEY-----\nDone and more words to push the window along nicely.")
        out += r.finish()
        XCTAssertEqual(out, "here: [PRIVATE_KEY_1]\nDone and more words to push the window along nicely.")
    }

    func testFindingSpansAreStreamOffsets() {
        var r = StreamingRedactor()
        let text = String(repeating: "x ", count: 50) + "mail jane@example.com"
        _ = stream(text, size: 4, redactor: &r)
        XCTAssertEqual(r.findings.first?.span, TextSpan(start: 105, end: 121))
    }

    func testRestorerAcrossChunkBoundaries() {
        var vault = PseudonymVault()
        _ = vault.placeholder(for: "jane@example.com", kind: .email)
        _ = vault.placeholder(for: "+44 20 7946 0958", kind: .phone)
        let text = "Write to [EMAIL_1] or ring [PHONE_1]; keep [NOTE] and [EMAIL_7] and a[b] as is."
        let expected = "Write to jane@example.com or ring +44 20 7946 0958; keep [NOTE] and [EMAIL_7] and a[b] as is."
        for size in [1, 2, 3, 4, 9, 100] {
            var restorer = StreamingPseudonymRestorer(vault: vault)
            var out = ""
            let s = Array(text.unicodeScalars)
            var i = 0
            while i < s.count {
                var d = String.UnicodeScalarView()
                d.append(contentsOf: s[i..<min(s.count, i + size)])
                out += restorer.feed(String(d))
                i += size
            }
            out += restorer.finish()
            XCTAssertEqual(out, expected, "chunk size \(size)")
        }
    }

    func testRestorerDoesNotHoldOrdinaryBrackets() {
        var restorer = StreamingPseudonymRestorer(vault: PseudonymVault())
        XCTAssertEqual(restorer.feed("array[0] = x"), "array[0] = x")
        XCTAssertEqual(restorer.feed(" and [ok"), " and [ok")
        XCTAssertEqual(restorer.feed(" and [EMA"), " and ")
        XCTAssertEqual(restorer.feed("IL] done"), "[EMAIL] done")
    }
}

extension StreamingRedactorTests {
    func testValueLongerThanMaxHoldNeverLeaks() {
        // maxHold is tiny here so that a normal key exceeds it.
        var r = StreamingRedactor(lookBehind: 16, maxHold: 40)
        var out = r.feed("key: -----BEGIN PRIVATE KEY-----\n")
        let body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC\n"
        for _ in 0..<10 { out += r.feed(body) }
        out += r.feed("-----END PRIVATE KEY-----\nthanks, that is all for today my friend")
        out += r.finish()
        XCTAssertFalse(out.contains("MIIE"), out)
        XCTAssertFalse(out.contains("BEGIN"), out)
        XCTAssertTrue(out.hasPrefix("key: [PRIVATE_KEY_1]"), out)
        XCTAssertTrue(out.hasSuffix("thanks, that is all for today my friend"), out)

        var t = StreamingRedactor(lookBehind: 16, maxHold: 40)
        var tokenOut = t.feed("jwt " + SecretDetectorTests.jwt.prefix(60))
        tokenOut += t.feed(String(SecretDetectorTests.jwt.dropFirst(60)) + " done here, nothing else to add")
        tokenOut += t.finish()
        XCTAssertFalse(tokenOut.contains("eyJ"), tokenOut)
        XCTAssertFalse(tokenOut.contains("SflKxw"), tokenOut)
        XCTAssertTrue(tokenOut.hasSuffix(" done here, nothing else to add"), tokenOut)
    }
}
