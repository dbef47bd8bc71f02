@testable import StrataGuard
import XCTest

/// Pathological and random inputs: every guard must finish (linear scanners, no regex
/// backtracking) and every span must lie inside the text. No timing thresholds: a quadratic
/// regression shows up as this test taking minutes instead of a fraction of a second.
final class AdversarialInputTests: XCTestCase {
    static let pathological: [String] = [
        String(repeating: "a@", count: 4000),
        String(repeating: "a", count: 10000) + "@example.com",
        String(repeating: "1 ", count: 6000),
        String(repeating: "4 ", count: 6000),
        String(repeating: "4", count: 8000),
        String(repeating: "1.", count: 6000),
        String(repeating: "a:", count: 6000),
        String(repeating: "ffff:", count: 4000),
        String(repeating: "eyJ", count: 4000),
        String(repeating: "-----BEGIN PRIVATE KEY-----", count: 600),
        String(repeating: "ignore ", count: 2000),
        String(repeating: "[", count: 6000),
        String(repeating: "x=", count: 6000),
        String(repeating: "QUFB", count: 4000),
        String(repeating: "\u{E0041}", count: 4000),
        String(repeating: "f u c k ", count: 1000),
        String(repeating: "GB82 ", count: 4000),
    ]

    func testPathologicalInputsFinish() {
        let pipeline = GuardPipeline(policy: .standard)
        for text in Self.pathological {
            var vault = PseudonymVault()
            let outcome = pipeline.checkInput(text, vault: &vault)
            let count = text.unicodeScalars.count
            for f in outcome.verdict.findings {
                if let span = f.span { XCTAssertTrue(span.start >= 0 && span.end <= count && span.start <= span.end) }
            }
            _ = pipeline.checkUntrusted(text, vault: &vault)
            _ = pipeline.checkOutput(text, vault: vault)
        }
    }

    func testRandomTextKeepsSpansInBoundsAndRedactionRoundTrips() {
        var rng = SplitMix64(seed: 42)
        let alphabet = Array("abc XYZ 0123456789 @.:-_/+=[]()\n\u{FF14}\u{0430}\u{200B}\u{E0041}é😀".unicodeScalars)
        let scanner = PIIScanner()
        for _ in 0..<300 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(rng.next() % 400) { text.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            let s = String(text)
            let findings = scanner.scan(s)
            for f in findings {
                guard let span = f.span else { continue }
                XCTAssertLessThanOrEqual(span.end, text.count)
            }
            var vault = PseudonymVault()
            let redacted = PIIRedactor.redact(s, findings: findings, vault: &vault)
            XCTAssertEqual(vault.restore(redacted), s)
            var stream = StreamingRedactor()
            var streamed = ""
            for chunk in GuardPipelineTests.chunks(s, size: 7) { streamed += stream.feed(chunk) }
            streamed += stream.finish()
            XCTAssertEqual(streamed.unicodeScalars.count >= 0, true)
        }
    }
}

/// A tiny deterministic generator so the random test is reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
