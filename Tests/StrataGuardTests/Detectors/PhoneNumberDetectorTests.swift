@testable import StrataGuard
import XCTest

final class PhoneNumberDetectorTests: XCTestCase {
    func testInternationalAndNational() {
        assertFinds("call +44 20 7946 0958 today", .phone, "+44 20 7946 0958")
        assertFinds("+1-202-555-0143", .phone, "+1-202-555-0143")
        assertFinds("reach me at +4915112345678", .phone, "+4915112345678")
        assertFinds("(415) 555-0132", .phone, "(415) 555-0132")
        assertFinds("office 415.555.0132", .phone, "415.555.0132")
        assertFinds("Tel: 020 7946 0958", .phone, "020 7946 0958")
        assertFinds("phone 4155550132", .phone, "4155550132")
        assertFinds("call me on 555-0132", .phone, "555-0132")
    }

    func testObfuscatedPhones() {
        assertFinds("＋４４ ２０ ７９４６ ０９５８", .phone, "＋４４ ２０ ７９４６ ０９５８")
        assertFinds("call +1 (415) 555–0132", .phone, "+1 (415) 555–0132")
    }

    func testDatesVersionsAndCounts() {
        assertNoFinding("due 2024-01-15 and 15.01.2024 or 01/15/2024")
        assertNoFinding("the answer is 42 and 1234567 items", .phone)
        assertNoFinding("it cost 4155550132 cents", .phone)  // bare digits without context
        assertNoFinding("order 020 7946 0958", .phone)
        assertNoFinding("ratio 3/4/2024 and 1.5.3", .phone)
        assertNoFinding("at 10.0.0.1", .phone)
    }
}

extension PhoneNumberDetectorTests {
    func testTailOfLongerDigitRunIsNotAPhone() {
        assertNoFinding("The IBAN DE60 4790 0786 3866 0743 49 failed validation.", .phone)
        assertNoFinding("account 4790 0786 3866 0743 49", .phone)
    }
}
