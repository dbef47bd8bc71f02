import XCTest
import StrataCore
@testable import StrataKnowledge

final class CSVLoaderTests: XCTestCase {
    func testFixtureRowsBecomeDocuments() throws {
        let path = try KnowledgeFixtures.path("products.csv")
        let documents = try DocumentLoader.load(path: path)
        XCTAssertEqual(documents, [
            LoadedDocument(
                id: "sku-1", source: path, title: "Blue mug",
                text: "id: sku-1\ntitle: Blue mug\nprice: 12.50\nin_stock: true\ndescription: Holds coffee, tea\ncolumn_6: x",
                metadata: [
                    "id": "sku-1", "title": "Blue mug", "price": 12.5, "in_stock": true,
                    "description": "Holds coffee, tea", "column_6": "x",
                ],
                format: .csv
            ),
            LoadedDocument(
                id: "\(path)#row-2", source: path, title: "Red plate",
                text: "title: Red plate\nprice: 007\nin_stock: false\ndescription: Says \"hi\"\nover two lines",
                metadata: [
                    "id": "", "title": "Red plate", "price": "007", "in_stock": false,
                    "description": "Says \"hi\"\nover two lines", "column_6": "",
                ],
                format: .csv
            ),
        ])
    }

    func testRaggedRowNamesTheLine() throws {
        let path = try KnowledgeFixtures.path("ragged.csv")
        let error = loaderError { try DocumentLoader.load(path: path) }
        XCTAssertEqual(error, LoaderError(source: path, line: 3, message: "row has 4 fields, the header has 3"))
        XCTAssertEqual(error?.description, "\(path):3: row has 4 fields, the header has 3")
        XCTAssertEqual(
            loaderError { try loadText("a,b\n\"x\ny\",1\nz\n", .csv, source: "d.csv") }?.description,
            "d.csv:4: row has 1 field, the header has 2"
        )
    }

    func testUnclosedQuoteNamesItsLine() {
        XCTAssertEqual(
            loaderError { try loadText("a,b\n1,2\n3,\"open\nmore\n", .csv, source: "d.csv") }?.description,
            "d.csv:3: quoted field is never closed"
        )
    }

    func testRowNumbersCountDataRowsAndSkipBlankLines() throws {
        let documents = try loadText("Name,ID\n\nx,\n,\ny,Y-9\n", .csv, source: "d.csv")
        XCTAssertEqual(documents.map(\.id), ["d.csv#row-1", "Y-9"])
        XCTAssertEqual(documents.map(\.text), ["Name: x", "Name: y\nID: Y-9"])
    }

    func testHeaderOnlyIsNoText() {
        XCTAssertEqual(loaderError { try loadText("a,b\n", .csv, source: "d.csv") }?.description, "d.csv: no text found")
    }

    func testColumnNames() {
        XCTAssertEqual(CSVLoader.columnNames([" a ", "", "a", "b", ""]), ["a", "column_2", "a_3", "b", "column_5"])
    }

    func testParserRFC4180() throws {
        XCTAssertEqual(try CSVParser.parse("a,\"b,c\",\"d\"\"e\"\n\"multi\nline\",,\"\"\n"), [
            CSVParser.Record(fields: ["a", "b,c", "d\"e"], line: 1),
            CSVParser.Record(fields: ["multi\nline", "", ""], line: 2),
        ])
        XCTAssertEqual(try CSVParser.parse("x,y"), [CSVParser.Record(fields: ["x", "y"], line: 1)])
        XCTAssertEqual(try CSVParser.parse("\"\"\n"), [CSVParser.Record(fields: [""], line: 1)])
        XCTAssertEqual(try CSVParser.parse("\"ab\"cd,e"), [CSVParser.Record(fields: ["abcd", "e"], line: 1)])
    }

    func testMetadataScalars() {
        XCTAssertEqual(MetadataScalar.value("12"), 12)
        XCTAssertEqual(MetadataScalar.value("-0.5"), -0.5)
        XCTAssertEqual(MetadataScalar.value("1e3"), 1000)
        XCTAssertEqual(MetadataScalar.value("0"), 0)
        XCTAssertEqual(MetadataScalar.value("0.25"), 0.25)
        XCTAssertEqual(MetadataScalar.value("true"), true)
        XCTAssertEqual(MetadataScalar.value("True"), "True")
        for text in ["nan", "inf", "-infinity", "0x1F", "1,000", "007", "-01", "", "1e999", "e", "."] {
            XCTAssertEqual(MetadataScalar.value(text), .string(text), text)
        }
    }
}
