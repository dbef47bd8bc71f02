import XCTest
import StrataCore
@testable import StrataKnowledge

final class OrderedJSONParserTests: XCTestCase {
    func testValuesAndOrder() throws {
        let value = try OrderedJSONParser.parse(#" {"b": [true, false, null], "a": -1.5e2, "s": "x\"\\\/\n\u00e9\ud83d\ude00"} "#)
        XCTAssertEqual(value, .object([
            .init(key: "b", value: .array([.bool(true), .bool(false), .null])),
            .init(key: "a", value: .number(-150, literal: "-1.5e2")),
            .init(key: "s", value: .string("x\"\\/\né😀")),
        ]))
        XCTAssertEqual(value.jsonValue, ["b": [true, false, .null], "a": -150, "s": "x\"\\/\né😀"])
    }

    func testLoneSurrogateBecomesReplacement() throws {
        XCTAssertEqual(try OrderedJSONParser.parse(#""\ud800x""#), .string("\u{FFFD}x"))
    }

    func testErrors() {
        let cases: [(String, ParseFailure)] = [
            ("", ParseFailure(line: 1, message: "unexpected end of input, expected a value (column 1)")),
            ("{\"a\" 1}", ParseFailure(line: 1, message: "expected ':' after the key \"a\", found '1' (column 6)")),
            ("[1,\n 2,\n ]", ParseFailure(line: 3, message: "expected a value, found ']' (column 2)")),
            ("01", ParseFailure(line: 1, message: "numbers must not have leading zeros (column 2)")),
            ("1.", ParseFailure(line: 1, message: "expected a digit after '.', found end of input (column 3)")),
            ("\"a\tb\"", ParseFailure(line: 1, message: "control character (U+0009) inside a string must be escaped (column 3)")),
            ("\"\\q\"", ParseFailure(line: 1, message: "invalid escape '\\q' in a string (column 3)")),
            ("\"é", ParseFailure(line: 1, message: "unexpected end of input inside a string (column 3)")),
            ("{} x", ParseFailure(line: 1, message: "unexpected 'x' after the JSON value (column 4)")),
            ("tru", ParseFailure(line: 1, message: "expected a value, found 't' (column 1)")),
            ("1e999", ParseFailure(line: 1, message: "number 1e999 is out of range (column 1)")),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try OrderedJSONParser.parse(text), text) { error in
                XCTAssertEqual(error as? ParseFailure, expected, text)
            }
        }
    }

    func testDepthLimit() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        XCTAssertThrowsError(try OrderedJSONParser.parse(deep)) { error in
            XCTAssertEqual((error as? ParseFailure)?.message, "nested deeper than 512 levels (column 513)")
        }
    }
}
