@testable import StrataGuard
import XCTest

final class PersonNameDetectorTests: XCTestCase {
    func testCueBasedNames() {
        assertFinds("Please ask Dr. Amal Haddad about it", .person, "Amal Haddad")
        assertFinds("Hello, my name is Kwabena Osei and I need help", .person, "Kwabena Osei")
        assertFinds("Dear Ms. Okonkwo, thank you", .person, "Okonkwo")
        assertFinds("Best regards,\nLena Fischer\nSenior Analyst", .person, "Lena Fischer")
        assertFinds("From: Priya Natarajan", .person, "Priya Natarajan")
        assertFinds("I talked to Tom Brown yesterday", .person, "Tom Brown")
        assertFinds("Mei Doe's SSN is on file", .person, "Mei Doe")
        assertFinds("Account holder: M. Weber, IBAN pending", .person, "M. Weber")
    }

    func testCapitalisedWordsThatAreNotNames() {
        assertNoFinding("Dear Team, Hi All, thanks Everyone", .person)
        assertNoFinding("The Quick Brown Fox jumps over New York", .person)
        assertNoFinding("From: Support Desk", .person)
        assertNoFinding("Regards, ACME", .person)
        assertNoFinding("Mark the box and Grace the hall", .person)
    }
}
