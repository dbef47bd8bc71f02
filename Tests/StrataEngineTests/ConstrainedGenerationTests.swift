import XCTest
@testable import StrataEngine

/// JSON-schema decoding with the real SmolLM2 model: every schema of the grammar catalog,
/// greedy, and every output must parse and validate.
final class ConstrainedGenerationTests: XCTestCase {
    func testEveryCatalogSchemaGivesValidJSONFromTheRealModel() async throws {
        let m = try LocalModelTests.smol.get()
        var valid = 0, cut = 0
        for c in GrammarSchemaCatalog.cases {
            var p = SamplingParameters()
            p.temperature = 0
            p.maxTokens = 160
            p.constraint = try JSONSchemaGrammarTests.grammar(c)
            let prompt = try m.renderChat([ChatTurn(role: "user", content: "Reply with JSON for: \(c.name). Schema: \(c.schema ?? "any object")")])
            let (text, chunks) = try await LocalModelTests.collect(m, prompt, p)
            if chunks.last?.finishReason == .length {
                // Cut by max_tokens before the document closed (long free-form arrays); it must
                // still be a valid prefix, which the constraint guarantees byte by byte.
                cut += 1
                continue
            }
            XCTAssertEqual(chunks.last?.finishReason, .stop, c.name)
            if let problem = JSONMatcherRandomWalkTests.check(Array(text.utf8), c) {
                XCTFail("\(c.name): \(problem)")
            } else {
                valid += 1
            }
        }
        print("constrained decoding: \(valid) valid of \(GrammarSchemaCatalog.cases.count) schemas, \(cut) cut by max_tokens")
        XCTAssertGreaterThanOrEqual(valid, 30, "at least 30 schemas must produce a complete, valid document")
    }
}
