import XCTest
@testable import StrataEngine

/// Strings, numbers and the completion flags, byte for byte.
final class JSONMatcherTextTests: XCTestCase {
    private func grammar(_ schema: String) throws -> JSONSchemaGrammar {
        try JSONSchemaGrammar(schemaJSON: Array(schema.utf8))
    }

    private func accepts(_ g: JSONSchemaGrammar, _ bytes: [UInt8]) -> Bool {
        JSONSchemaGrammarTests.firstRejection(g, bytes) == nil
    }

    func testEscapes() throws {
        let g = try grammar(#"{"type":"string"}"#)
        XCTAssertTrue(accepts(g, Array(#""\"\\\/\b\f\n\r\t\u00e9\uD83D\uDE00\u0000x""#.utf8)))
        // Each text ends at the byte that must be refused.
        for bad in [#""\x"#, #""\u12G"#, #""\uDC"#, #""\uD83D\u0"#, #""\uD83D""#, #""\uD83Dx"#, #""\uD83D\uDB"#] {
            XCTAssertEqual(JSONSchemaGrammarTests.firstRejection(g, Array(bad.utf8)), bad.utf8.count - 1, bad)
        }
    }

    func testControlCharactersMustBeEscaped() throws {
        let g = try grammar(#"{"type":"string"}"#)
        for c: UInt8 in [0x00, 0x0A, 0x1F, 0x09] {
            XCTAssertEqual(JSONSchemaGrammarTests.firstRejection(g, [0x22, c]), 1)
        }
        XCTAssertTrue(accepts(g, [0x22, 0x7F, 0x22]))
    }

    func testUTF8SplitAcrossTokensAndInvalidSequences() throws {
        let g = try grammar(#"{"type":"string","maxLength":3}"#)
        var m = g.start()
        m.advance(Array(#""a"#.utf8))
        XCTAssertTrue(m.allows([0xF0]))
        m.advance([0xF0])  // 😀 arrives in pieces
        XCTAssertFalse(m.allows([0x22]), "a sequence cannot end early")
        m.advance([0x9F, 0x98])
        XCTAssertTrue(m.allows([0x80, 0xC3]))
        m.advance([0x80, 0xC3, 0xA9])
        XCTAssertFalse(m.allows([0x61]), "maxLength counts characters, not bytes")
        m.advance([0x22])
        XCTAssertTrue(m.isComplete && m.mustStop)

        // Each sequence ends at the byte that must be refused.
        let invalid: [[UInt8]] = [
            [0xC0], [0xC1], [0xF5], [0xFF], [0x80],   // never a first byte
            [0xC3, 0x41], [0xE0, 0x80], [0xED, 0xA0], [0xF0, 0x8F], [0xF4, 0x90], [0xE2, 0x82, 0x41],
        ]
        let any = try grammar(#"{"type":"string"}"#)
        for seq in invalid {
            let rejectedAt = JSONSchemaGrammarTests.firstRejection(any, [0x22] + seq)
            XCTAssertEqual(rejectedAt, seq.count, "\(seq)")
        }
        XCTAssertTrue(accepts(any, [0x22, 0xE2, 0x82, 0xAC, 0xED, 0x9F, 0xBF, 0xF4, 0x8F, 0xBF, 0xBF, 0x22]))
        // Free-form keys are strings too.
        XCTAssertEqual(JSONSchemaGrammarTests.firstRejection(.anyObject, Array(#"{""#.utf8) + [0xC3, 0x28]), 3)
    }

    func testLengthsCountScalarsEscapesAndPairsAsOne() throws {
        let g = try grammar(#"{"type":"string","minLength":2,"maxLength":2}"#)
        XCTAssertTrue(accepts(g, Array(#""\uD83D\uDE00\n""#.utf8)))
        XCTAssertTrue(accepts(g, Array(#""éé""#.utf8)))
        XCTAssertFalse(accepts(g, Array(#""é""#.utf8)))
        XCTAssertFalse(accepts(g, Array(#""abc"#.utf8)))
    }

    func testDefaultStringBoundEndsGeneration() throws {
        let g = try grammar(#"{"type":"string"}"#)
        var m = g.start()
        m.advance([0x22])
        for _ in 0 ..< JSONSchemaGrammar.maxStringLength { m.advance([0x61]) }
        XCTAssertFalse(m.allows([0x61]))
        XCTAssertTrue(m.allows([0x22]))
    }

    func testNumbers() throws {
        let number = try grammar(#"{"type":"number"}"#)
        for ok in ["0", "-0", "0.5e-3", "0.01e2", "1E+10", "-12.25", "7e0", "12345678901234567890"] {
            XCTAssertTrue(accepts(number, Array(ok.utf8)), ok)
        }
        for (bad, at) in [("01", 1), ("-.", 1), ("1.e", 2), ("+1", 0), (".5", 0), ("1e+-", 3), ("123456789012345678901", 20), ("1e123", 4), ("--1", 1), ("0e", 1), ("-0.00E", 5)] {
            XCTAssertEqual(JSONSchemaGrammarTests.firstRejection(number, Array(bad.utf8)), at, bad)
        }
        let integer = try grammar(#"{"type":"integer"}"#)
        XCTAssertEqual(JSONSchemaGrammarTests.firstRejection(integer, Array("1.0".utf8)), 1)
        XCTAssertEqual(JSONSchemaGrammarTests.firstRejection(integer, Array("1e3".utf8)), 1)
    }

    func testCompletionFlags() throws {
        let number = try grammar(#"{"type":"number"}"#)
        var m = number.start()
        XCTAssertFalse(m.isComplete)
        m.advance(Array("12".utf8))
        XCTAssertTrue(m.isComplete, "a number may end here")
        XCTAssertFalse(m.mustStop, "but more digits could follow")
        m.advance(Array(".".utf8))
        XCTAssertFalse(m.isComplete)
        m.advance(Array("5e99".utf8))
        XCTAssertTrue(m.isComplete && m.mustStop, "the exponent is at its digit bound")

        var zero = try grammar(#"{"type":"integer"}"#).start()
        zero.advance(Array("-0".utf8))
        XCTAssertTrue(zero.isComplete && zero.mustStop)

        var object = try grammar(#"{"type":"object","properties":{"a":{"type":"integer"}}}"#).start()
        object.advance(Array(#"{"a":1"#.utf8))
        XCTAssertFalse(object.isComplete)
        XCTAssertTrue(object.allows(Array("2}".utf8)))
        object.advance(Array("}".utf8))
        XCTAssertTrue(object.isComplete && object.mustStop)
        XCTAssertFalse(object.allows([0x7D]))
        XCTAssertTrue(object.allows([UInt8]()))

        var literal = try grammar(#"{"enum":[1,12]}"#).start()
        literal.advance(Array("1".utf8))
        XCTAssertTrue(literal.isComplete)
        XCTAssertFalse(literal.mustStop)
        literal.advance(Array("2".utf8))
        XCTAssertTrue(literal.isComplete && literal.mustStop)
    }

    func testTokensSpanningValueBoundaries() throws {
        let g = try grammar(#"{"type":"object","properties":{"a":{"type":"array","items":{"type":"integer"}},"b":{"type":"string"}},"required":["a","b"]}"#)
        var m = g.start()
        for token in [#"{""#, #"a":["#, "1", "0,", "2],", #""b":""#, "x", #""}"#] {
            XCTAssertTrue(m.allows(Array(token.utf8)), token)
            m.advance(Array(token.utf8))
        }
        XCTAssertTrue(m.mustStop)
    }

    func testAnyOfAlternativesStayBoundedAndCollapse() throws {
        let g = try grammar(#"{"anyOf":[{"properties":{"a":{"type":"string"},"b":{"type":"integer"}},"required":["a","b"]},{"properties":{"a":{"type":"string"},"c":{"type":"boolean"}},"required":["a","c"]}]}"#)
        var m = g.start()
        m.advance(Array(#"{"a":"xyz","#.utf8))
        XCTAssertEqual(m.alternativeCount, 2)
        m.advance(Array(#""c"#.utf8))
        XCTAssertEqual(m.alternativeCount, 1)

        var many = #"{"anyOf":["#
        many += (0 ..< 40).map { #"{"type":"object","properties":{"k":{"type":"integer"},"v\#($0)":{"type":"null"}},"required":["k","v\#($0)"]}"# }.joined(separator: ",")
        many += "]}"
        var wide = try grammar(many).start()
        wide.advance(Array(#"{"k":1,"v"#.utf8))
        XCTAssertLessThanOrEqual(wide.alternativeCount, JSONMatcher.maxAlternatives)
        XCTAssertTrue(wide.allows(Array(#"0":null}"#.utf8)))
    }

    func testDepthIsBounded() throws {
        var m = JSONSchemaGrammar.anyObject.start()
        for _ in 0 ..< JSONSchemaGrammar.maxDepth { m.advance(Array(#"{"a":"#.utf8)) }
        XCTAssertFalse(m.allows(Array("{".utf8)), "a 33rd container is refused")
        XCTAssertFalse(m.allows(Array("[".utf8)))
        XCTAssertTrue(m.allows(Array("1".utf8)))
        var list = try grammar(##"{"type":"array","items":{"$ref":"#"}}"##).start()
        for _ in 0 ..< JSONSchemaGrammar.maxDepth - 1 { list.advance(Array("[".utf8)) }
        XCTAssertTrue(list.allows(Array("[]".utf8)))
        list.advance(Array("[".utf8))
        XCTAssertFalse(list.allows(Array("[".utf8)))
    }

    func testOptionalPropertyTooDeepIsSkipped() throws {
        // `sub` is optional and recursive: at the depth bound it can no longer be offered.
        let g = try grammar(##"{"type":"object","properties":{"sub":{"$ref":"#"},"n":{"type":"integer"}},"required":["n"]}"##)
        var m = g.start()
        for _ in 0 ..< JSONSchemaGrammar.maxDepth - 1 { m.advance(Array(#"{"sub":"#.utf8)) }
        XCTAssertTrue(m.allows(Array(#"{"n"#.utf8)))
        XCTAssertFalse(m.allows(Array(#"{"s"#.utf8)))
    }
}
