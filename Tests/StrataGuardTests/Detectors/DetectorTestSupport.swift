@testable import StrataGuard
import XCTest

/// Findings of the default scanner as (kind, original text) pairs, in text order.
func found(_ text: String, minConfidence: Double = 0.5) -> [(FindingKind, String)] {
    PIIScanner(minConfidence: minConfidence).scan(text).map { ($0.kind, $0.text) }
}

func assertFinds(_ text: String, _ kind: FindingKind, _ value: String, file: StaticString = #filePath, line: UInt = #line) {
    let hits = found(text)
    XCTAssertTrue(hits.contains { $0.0 == kind && $0.1 == value },
                  "expected \(kind) \(value.debugDescription) in \(text.debugDescription), got \(hits)", file: file, line: line)
}

func assertNoFinding(_ text: String, _ kind: FindingKind? = nil, file: StaticString = #filePath, line: UInt = #line) {
    let hits = found(text).filter { kind == nil || $0.0 == kind }
    XCTAssertTrue(hits.isEmpty, "expected no \(kind?.rawValue ?? "finding") in \(text.debugDescription), got \(hits)", file: file, line: line)
}
