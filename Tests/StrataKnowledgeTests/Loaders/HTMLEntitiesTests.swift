import XCTest
@testable import StrataKnowledge

final class HTMLEntitiesTests: XCTestCase {
    func testNamedAndNumericReferences() {
        XCTAssertEqual(HTMLEntities.decode("&amp;&lt;&gt;&quot;&#39;&apos;"), "&<>\"''")
        XCTAssertEqual(HTMLEntities.decode("a&nbsp;b"), "a\u{A0}b")
        XCTAssertEqual(HTMLEntities.decode("&eacute;&Eacute;&yuml;&frac12;&copy;"), "éÉÿ½©")
        XCTAssertEqual(HTMLEntities.decode("&mdash;&hellip;&euro;&rsquo;"), "—…€’")
        XCTAssertEqual(HTMLEntities.decode("&#233;&#xe9;&#XE9;&#128512;"), "ééé😀")
    }

    func testMalformedReferencesStayOrBecomeReplacement() {
        XCTAssertEqual(HTMLEntities.decode("AT&T &unknown; & &; &#; &#x;"), "AT&T &unknown; & &; &#; &#x;")
        XCTAssertEqual(HTMLEntities.decode("&#0;&#xD800;&#99999999999;"), "\u{FFFD}\u{FFFD}\u{FFFD}")
        XCTAssertEqual(HTMLEntities.decode("&#65x"), "Ax")
        XCTAssertEqual(HTMLEntities.decode("soft&shy;hyphen"), "softhyphen")
    }

    func testLatin1TableCoversA0ToFF() {
        XCTAssertEqual(HTMLEntities.latin1Names.count, 96)
        XCTAssertEqual(Set(HTMLEntities.latin1Names).count, 96)
        XCTAssertEqual(HTMLEntities.named["times"], "\u{D7}")
        XCTAssertEqual(HTMLEntities.named["divide"], "\u{F7}")
    }
}
