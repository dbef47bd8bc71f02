import XCTest
@testable import StrataEngine

/// Per-schema acceptance and rejection, and the keywords the compiler refuses.
final class JSONSchemaGrammarTests: XCTestCase {
    static func grammar(_ c: GrammarSchemaCase) throws -> JSONSchemaGrammar {
        guard let schema = c.schema else { return .anyObject }
        return try JSONSchemaGrammar(schemaJSON: Array(schema.utf8))
    }

    /// The offset of the first byte the matcher refuses, or nil when it takes all of them.
    static func firstRejection(_ g: JSONSchemaGrammar, _ bytes: [UInt8]) -> Int? {
        var m = g.start()
        for (i, b) in bytes.enumerated() {
            guard m.allows(CollectionOfOne(b)) else { return i }
            m.advance(CollectionOfOne(b))
        }
        return nil
    }

    func testCatalogCoversAtLeastThirtySchemas() {
        XCTAssertGreaterThanOrEqual(GrammarSchemaCatalog.cases.count, 30)
    }

    func testValidDocumentsAreAcceptedByteByByteAndComplete() throws {
        for c in GrammarSchemaCatalog.cases {
            let g = try Self.grammar(c)
            for doc in c.valid {
                let bytes = Array(doc.utf8)
                XCTAssertNil(Self.firstRejection(g, bytes), "\(c.name): \(doc) rejected at byte \(Self.firstRejection(g, bytes) ?? -1)")
                var m = g.start()
                XCTAssertFalse(m.isComplete, c.name)
                for (i, b) in bytes.enumerated() {
                    m.advance(CollectionOfOne(b))
                    // Only a number or extendable literal at the root is complete before its end.
                    if i < bytes.count - 1 && m.isComplete {
                        XCTAssertTrue(doc.first == "-" || doc.first?.isNumber == true, "\(c.name): \(doc) complete after \(i + 1) bytes")
                    }
                }
                XCTAssertTrue(m.isComplete, "\(c.name): \(doc) not complete")
            }
        }
    }

    func testWholeDocumentsAsOneTokenMatchByteByByte() throws {
        for c in GrammarSchemaCatalog.cases {
            let g = try Self.grammar(c)
            for doc in c.valid {
                let m = g.start()
                XCTAssertTrue(m.allows(Array(doc.utf8)), "\(c.name): \(doc)")
                var n = m
                n.advance(Array(doc.utf8))
                XCTAssertTrue(n.isComplete, "\(c.name): \(doc)")
                XCTAssertFalse(m.isComplete, "allows must not mutate")
            }
        }
    }

    func testCatalogDocumentsPassTheReferenceValidator() throws {
        for c in GrammarSchemaCatalog.cases {
            let schema = try GrammarTestJSON.parse(Array((c.schema ?? #"{"type":"object"}"#).utf8))
            for doc in c.valid {
                let value = try GrammarTestJSON.parse(Array(doc.utf8))
                XCTAssertNil(GrammarTestValidator(root: schema).check(value, schema), "\(c.name): \(doc)")
            }
        }
    }

    func testInvalidContinuationsAreRejectedAtTheFirstWrongByte() throws {
        var checked = 0
        for c in GrammarSchemaCatalog.cases {
            let g = try Self.grammar(c)
            for (prefix, bad) in c.rejects {
                let p = Array(prefix.utf8)
                XCTAssertNil(Self.firstRejection(g, p), "\(c.name): prefix \(prefix) should be accepted")
                let rejectedAt = Self.firstRejection(g, p + Array(bad.utf8))
                XCTAssertEqual(rejectedAt, p.count, "\(c.name): \(prefix) + \(bad)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 80)
    }

    /// Compact JSON only: whitespace outside strings is refused everywhere.
    func testWhitespaceIsRejectedOutsideStrings() throws {
        for c in GrammarSchemaCatalog.cases {
            let g = try Self.grammar(c)
            for doc in c.valid {
                let bytes = Array(doc.utf8)
                var m = g.start()
                var inString = false, escaped = false
                for b in bytes + [] {
                    if !inString {
                        for space in [0x20, 0x0A, 0x0D, 0x09] as [UInt8] {
                            XCTAssertFalse(m.allows([space]), "\(c.name): whitespace allowed in \(doc)")
                        }
                    }
                    m.advance(CollectionOfOne(b))
                    if escaped { escaped = false } else if inString && b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString.toggle() }
                }
                for space in [0x20, 0x0A] as [UInt8] { XCTAssertFalse(m.allows([space]), "\(c.name): trailing whitespace after \(doc)") }
            }
        }
    }

    func testUnsupportedKeywordsNameTheKeywordAndPath() {
        let cases: [(String, String, String)] = [
            (#"{"type":"string","pattern":"^a"}"#, "pattern", "/pattern"),
            (#"{"type":"object","properties":{"age":{"type":"integer","minimum":0}}}"#, "minimum", "/properties/age/minimum"),
            (##"{"$defs":{"x":{"type":"array","uniqueItems":true}},"$ref":"#/$defs/x"}"##, "uniqueItems", "/$defs/x/uniqueItems"),
            (#"{"not":{"type":"null"}}"#, "not", "/not"),
            (#"{"if":{"type":"string"},"then":{"minLength":1}}"#, "if", "/if"),
            (#"{"type":"object","patternProperties":{"^a":{}}}"#, "patternProperties", "/patternProperties"),
            (#"{"type":"number","multipleOf":2}"#, "multipleOf", "/multipleOf"),
            (#"{"type":"object","properties":{"a":{},"b":{}},"dependentRequired":{"a":["b"]}}"#, "dependentRequired", "/dependentRequired"),
            (#"{"type":"object","properties":{"a/b":{"type":"string","pattern":"x"}}}"#, "pattern", "/properties/a~1b/pattern"),
            (#"{"type":"array","items":{"anyOf":[{"type":"string","maxLength":2},{"exclusiveMaximum":3}]}}"#, "exclusiveMaximum", "/items/anyOf/1/exclusiveMaximum"),
            (#"{"allOf":[{"type":"string"},{"maxLength":3}]}"#, "allOf", "/allOf"),
            (#"{"$ref":"https://example.com/s.json"}"#, "$ref", "/$ref"),
            (##"{"$ref":"#/$defs/missing"}"##, "$ref", "/$ref"),
            (#"{"type":"object","properties":{"a":{}},"required":["b"]}"#, "required", "/required"),
            (#"{"type":"strange"}"#, "type", "/type"),
            (##"{"type":"object","$ref":"#/$defs/x","$defs":{"x":{}}}"##, "type", "/type"),
            (#"{"anyOf":[{"type":"string"}],"maxLength":3}"#, "maxLength", "/maxLength"),
            (#"{"type":"array","minItems":-1}"#, "minItems", "/minItems"),
            (#"{"type":"object","minProperties":1}"#, "minProperties", "/minProperties"),
            (#"{"type":"array","contains":{"type":"string"}}"#, "contains", "/contains"),
        ]
        for (schema, keyword, path) in cases {
            do {
                _ = try JSONSchemaGrammar(schemaJSON: Array(schema.utf8))
                XCTFail("accepted \(schema)")
            } catch {
                XCTAssertEqual(error.keyword, keyword, schema)
                XCTAssertEqual(error.path, path, schema)
                XCTAssertFalse(error.message.isEmpty)
                XCTAssertTrue(error.description.contains(path), error.description)
            }
        }
    }

    func testInvalidAndUnsatisfiableSchemasAreRefused() {
        for schema in [#"{"type":"object""#, "", #"{"a":01}"#, "[1,]", ##"{"type":"object","properties":{"a":{"$ref":"#"}},"required":["a"]}"##,
                       #"{"type":"string","minLength":5,"maxLength":2}"#, "false", #"{"enum":[]}"#, ##"{"$ref":"#"}"##, "3"] {
            XCTAssertThrowsError(try JSONSchemaGrammar(schemaJSON: Array(schema.utf8)), schema)
        }
    }

    /// Hostile shapes are refused or compiled in bounded time, never by exhausting the stack.
    func testLongReferenceChainsAndDeepNestingAreBounded() throws {
        var defs: [String] = []
        for i in 0 ..< 3000 {
            defs.append(##""d\##(i)":{"anyOf":[{"type":"null"},{"type":"array","items":{"$ref":"#/$defs/d\##(i + 1)"},"minItems":1}]}"##)
        }
        defs.append(##""d3000":{"type":"integer"}"##)
        let chain = ##"{"$defs":{"## + defs.joined(separator: ",") + ##"},"$ref":"#/$defs/d0"}"##
        let start = Date()
        var list = try JSONSchemaGrammar(schemaJSON: Array(chain.utf8)).start()
        list.advance(Array("[[null]]".utf8))
        XCTAssertTrue(list.mustStop)
        let deep = String(repeating: #"{"type":"array","items":"#, count: 500) + "{}" + String(repeating: "}", count: 500)
        XCTAssertThrowsError(try JSONSchemaGrammar(schemaJSON: Array(deep.utf8)))
        let wide = #"{"type":"object","properties":{"# + (0 ..< 3000).map { ##""p\##($0)":{"$ref":"#/$defs/x"}"## }.joined(separator: ",")
            + ##"},"$defs":{"x":{"anyOf":[{"type":"string"},{"type":"object","properties":{"y":{"$ref":"#/$defs/x"}}}]}}}"##
        var m = try JSONSchemaGrammar(schemaJSON: Array(wide.utf8)).start()
        m.advance(Array(#"{"p2999":{"y":{"y":"z"}}}"#.utf8))
        XCTAssertTrue(m.mustStop)
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }
}
