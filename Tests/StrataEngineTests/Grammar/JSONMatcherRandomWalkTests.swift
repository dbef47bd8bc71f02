import Foundation
import XCTest
@testable import StrataEngine

/// Random generation under the matcher: every finished document must parse and validate, and a
/// matcher that is not complete must always allow some byte.
final class JSONMatcherRandomWalkTests: XCTestCase {
    static let maxSteps = 2000
    /// Preferred once a walk has run long enough, so it heads for the end of the document.
    /// A quote first: inside a string every other closer is just more text.
    static let closers = Array(#""}]0nft"#.utf8)
    static let openers = Set(Array(#"{[,\"#.utf8))
    /// Bytes that shape the document rather than fill strings; some walks favour them so they
    /// reach deep nesting, many items and every alternative instead of long random strings.
    static let structural = Set(Array(#"{}[],:"0123456789-tfn"#.utf8))

    struct Walk {
        var bytes: [UInt8] = []
        var failure: String?
    }

    /// One walk over single bytes: random allowed bytes, then closing ones after `budget` steps.
    static func walk(_ g: JSONSchemaGrammar, _ rng: inout GrammarTestRNG, favour: Set<UInt8>? = nil) -> Walk {
        var out = Walk()
        var m = g.start()
        let budget = 5 + rng.below(rng.chance(0.2) || favour != nil ? 600 : 120)
        let preferred = favour ?? (rng.chance(0.5) ? structural : [])
        for step in 0 ..< maxSteps {
            if m.mustStop { break }
            if m.isComplete && (step >= budget || rng.chance(0.02)) { break }
            let allowed = (0 ... 255).map(UInt8.init).filter { m.allows(CollectionOfOne($0)) }
            if allowed.isEmpty {
                out.failure = "stuck after \(String(decoding: out.bytes, as: UTF8.self))"
                return out
            }
            let b: UInt8
            let shaping = rng.chance(0.7) ? allowed.filter(preferred.contains) : []
            if step < budget {
                b = shaping.isEmpty ? allowed[rng.below(allowed.count)] : shaping[rng.below(shaping.count)]
            } else if let closer = closers.first(where: allowed.contains) {
                b = closer
            } else {
                let calm = allowed.filter { !openers.contains($0) }
                b = calm.isEmpty ? allowed[rng.below(allowed.count)] : calm[rng.below(calm.count)]
            }
            m.advance(CollectionOfOne(b))
            out.bytes.append(b)
        }
        if m.mustStop && (0 ... 255).contains(where: { m.allows([UInt8($0)]) }) { out.failure = "mustStop but a byte is allowed" }
        if m.mustStop && !m.isComplete { out.failure = "mustStop but not complete" }
        if !m.isComplete { out.failure = "not complete after \(maxSteps) steps" }
        return out
    }

    static func check(_ doc: [UInt8], _ c: GrammarSchemaCase) -> String? {
        let text = String(decoding: doc, as: UTF8.self)
        guard (try? JSONSerialization.jsonObject(with: Data(doc), options: .fragmentsAllowed)) != nil else {
            return "JSONSerialization refused \(text)"
        }
        do {
            let schema = try GrammarTestJSON.parse(Array((c.schema ?? #"{"type":"object"}"#).utf8))
            let value = try GrammarTestJSON.parse(doc)
            if let problem = GrammarTestValidator(root: schema).check(value, schema) { return "\(problem) in \(text)" }
        } catch {
            return "JSONDecoder refused \(text): \(error)"
        }
        return nil
    }

    func testRandomByteWalksProduceValidDocuments() throws {
        var rng = GrammarTestRNG(state: 0x5EED)
        var walks = 0, bytes = 0
        for c in GrammarSchemaCatalog.cases {
            let g = try JSONSchemaGrammarTests.grammar(c)
            for _ in 0 ..< 80 {
                let w = Self.walk(g, &rng)
                walks += 1
                bytes += w.bytes.count
                if let f = w.failure {
                    XCTFail("\(c.name): \(f)")
                    break
                }
                if let problem = Self.check(w.bytes, c) {
                    XCTFail("\(c.name): \(problem)")
                    break
                }
            }
        }
        print("random byte walks: \(walks) documents, \(bytes) bytes")
        XCTAssertGreaterThanOrEqual(walks, 2400)
    }

    /// Walks that favour opening containers reach the depth bound and still finish validly.
    func testDeepWalksReachTheDepthBoundAndFinish() throws {
        var rng = GrammarTestRNG(state: 0xDEE9)
        let deep = Set(Array(#"{[""#.utf8))
        let names = ["json_object mode", "recursive tree in $defs", "recursive list in definitions", "recursion through #", "empty schema", "array with any items"]
        for c in GrammarSchemaCatalog.cases where names.contains(c.name) {
            let g = try JSONSchemaGrammarTests.grammar(c)
            var deepest = 0
            for _ in 0 ..< 40 {
                let w = Self.walk(g, &rng, favour: deep)
                if let f = w.failure { XCTFail("\(c.name): \(f)"); break }
                if let problem = Self.check(w.bytes, c) { XCTFail("\(c.name): \(problem)"); break }
                deepest = max(deepest, Self.nesting(w.bytes))
            }
            print("deep walks, \(c.name): deepest nesting \(deepest)")
            XCTAssertLessThanOrEqual(deepest, JSONSchemaGrammar.maxDepth, c.name)
        }
    }

    /// The deepest container nesting of a compact document.
    static func nesting(_ doc: [UInt8]) -> Int {
        var depth = 0, deepest = 0, inString = false, escaped = false
        for b in doc {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
            } else if b == UInt8(ascii: "\"") {
                inString = true
            } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                depth += 1
                deepest = max(deepest, depth)
            } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                depth -= 1
            }
        }
        return deepest
    }

    /// Multi-byte tokens, as a tokenizer gives them: `allows` on a token must equal feeding its bytes one by one.
    func testTokenWalksAgreeWithByteWalks() throws {
        let vocabulary: [[UInt8]] = [
            "{", "}", "[", "]", ",", ":", "\"", #"{""#, #"":"#, #"":""#, #"",""#, #""}"#, #"},{""#, "]}", "}]", "},", "],",
            "0", "1", "12", "-", ".", "5", "e", "E+", "-3", "007", "true", "false", "null", "nul", "l", "tr", "ue",
            "a", "b", "x", "id", "name", "value", "children", "kind", "steps", "head", "tail", "code", " ", "\n", " \"",
            #"\"#, #"\n"#, #"\u"#, "00e9", "D83D", #"\uDE00"#, "é", "😀", "ab", "hello", "\"a", "\"b", "\"k", "\"v",
        ].map { Array($0.utf8) } + [[0xC3], [0xA9], [0xF0, 0x9F], [0x98, 0x80], [0xE2], [0x82, 0xAC], [0xFF], [0x00]]
        var rng = GrammarTestRNG(state: 0xC0FFEE)
        var walks = 0
        for c in GrammarSchemaCatalog.cases {
            let g = try JSONSchemaGrammarTests.grammar(c)
            for _ in 0 ..< 30 {
                var m = g.start()
                var doc: [UInt8] = []
                let budget = 3 + rng.below(60)
                var step = 0
                while !m.mustStop && !(m.isComplete && step >= budget) && step < Self.maxSteps {
                    step += 1
                    var allowedTokens: [[UInt8]] = []
                    for token in vocabulary {
                        let whole = m.allows(token)
                        var probe = m
                        var bytewise = true
                        for b in token {
                            guard probe.allows(CollectionOfOne(b)) else { bytewise = false; break }
                            probe.advance(CollectionOfOne(b))
                        }
                        XCTAssertEqual(whole, bytewise, "\(c.name): token \(token) after \(String(decoding: doc, as: UTF8.self))")
                        if whole { allowedTokens.append(token) }
                    }
                    let token: [UInt8]
                    if !allowedTokens.isEmpty && step < budget {
                        token = allowedTokens[rng.below(allowedTokens.count)]
                    } else {
                        // Fall back to one byte, heading for the end as the byte walk does.
                        let allowed = (0 ... 255).map(UInt8.init).filter { m.allows(CollectionOfOne($0)) }
                        guard !allowed.isEmpty else { XCTFail("\(c.name): stuck"); return }
                        let calm = allowed.filter { !Self.openers.contains($0) }
                        token = [Self.closers.first(where: allowed.contains) ?? (calm.isEmpty ? allowed[0] : calm[rng.below(calm.count)])]
                    }
                    m.advance(token)
                    doc += token
                }
                walks += 1
                XCTAssertTrue(m.isComplete, "\(c.name): unfinished \(String(decoding: doc, as: UTF8.self))")
                if let problem = Self.check(doc, c) { XCTFail("\(c.name): \(problem)") }
            }
        }
        print("random token walks: \(walks) documents")
    }

    /// Prints the cost of `allows` in typical states (not asserted: the machine is shared).
    func testAllowsCost() throws {
        let g = try JSONSchemaGrammar(schemaJSON: Array(GrammarSchemaCatalog.cases[0].schema!.utf8))
        func state(_ prefix: String) -> JSONMatcher {
            var m = g.start()
            m.advance(Array(prefix.utf8))
            return m
        }
        let probes: [(String, JSONMatcher, [UInt8])] = [
            ("string body, 4 bytes", state(#"{"name":"A"#), Array("nna ".utf8)),
            ("string body, 8 bytes", state(#"{"name":"A"#), Array("nna went".utf8)),
            ("key, 3 bytes", state(#"{"na"#), Array("me\"".utf8)),
            ("key + colon + quote (push)", state(#"{"name"#), Array(#"":""#.utf8)),
            ("number digits", state(#"{"name":"A","age":1"#), Array("23".utf8)),
            ("end of string and comma", state(#"{"name":"A"#), Array(#"",""#.utf8)),
            ("rejected first byte", state(#"{"name":"A","age":1"#), Array("x".utf8)),
        ]
        let rounds = 200_000
        for (label, m, token) in probes {
            var hits = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0 ..< rounds where m.allows(token) { hits += 1 }
            let ns = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(rounds)
            print(String(format: "allows %@: %.1f ns", label, ns))
            XCTAssertTrue(hits == 0 || hits == rounds)
        }
    }
}
