@testable import StrataGuard
import XCTest

final class CreditCardDetectorTests: XCTestCase {
    func testValidCardsInCommonFormats() {
        assertFinds("card 4111 1111 1111 1111 exp 12/29", .creditCard, "4111 1111 1111 1111")
        assertFinds("pay with 5500-0000-0000-0004", .creditCard, "5500-0000-0000-0004")
        assertFinds("amex 3782 822463 10005.", .creditCard, "3782 822463 10005")
        assertFinds("6011111111111117", .creditCard, "6011111111111117")
        assertFinds("JCB: 3530111333300000", .creditCard, "3530111333300000")
        assertFinds("mc 2223003122003222", .creditCard, "2223003122003222")
    }

    func testObfuscatedCards() {
        assertFinds("４１１１ １１１１ １１１１ １１１１", .creditCard, "４１１１ １１１１ １１１１ １１１１")
        assertFinds("4.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1", .creditCard, "4.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1")
        assertFinds("num 4111\u{200B}1111\u{200B}1111\u{200B}1111 ok", .creditCard, "4111\u{200B}1111\u{200B}1111\u{200B}1111")
        assertFinds("4111‐1111‐1111‐1111", .creditCard, "4111‐1111‐1111‐1111")
    }

    func testLuhnAndIssuerTraps() {
        assertNoFinding("4111 1111 1111 1112", .creditCard)  // Luhn fails
        assertNoFinding("1234 5678 9012 3452", .creditCard)  // Luhn ok (sum 60) but no issuer starts with 1
        assertNoFinding("Order #4111111111111111 shipped", .creditCard)  // order number context
        assertNoFinding("invoice 4539578763621486", .creditCard)
        assertNoFinding("id4111111111111111", .creditCard)  // glued to a word
        assertNoFinding("4111-1111 1111.1111", .creditCard)  // mixed separators
    }

    func testSplitsNeighbouringNumbers() {
        let hits = found("cards 4111 1111 1111 1111 5500 0000 0000 0004")
        XCTAssertEqual(hits.filter { $0.0 == .creditCard }.map(\.1), ["4111 1111 1111 1111", "5500 0000 0000 0004"])
    }

    func testLuhnAndBrand() {
        XCTAssertTrue(CreditCardDetector.luhnValid([4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        XCTAssertEqual(CreditCardDetector.brand([3, 7, 8, 2, 8, 2, 2, 4, 6, 3, 1, 0, 0, 0, 5]), "American Express")
        XCTAssertNil(CreditCardDetector.brand([9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
    }
}

extension CreditCardDetectorTests {
    func testSerialNumbersShapedLikeCards() {
        assertNoFinding("Serial no. 4929 3813 3266 4295 is printed on the router label.", .creditCard)
        assertNoFinding("kernel 6.1.0.18 is fine", .ipAddress)
    }
}
