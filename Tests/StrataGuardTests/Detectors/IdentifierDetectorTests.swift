@testable import StrataGuard
import XCTest

final class IdentifierDetectorTests: XCTestCase {
    func testIBAN() {
        assertFinds("IBAN GB82 WEST 1234 5698 7654 32.", .iban, "GB82 WEST 1234 5698 7654 32")
        assertFinds("DE89370400440532013000", .iban, "DE89370400440532013000")
        assertFinds("fr14 2004 1010 0505 0001 3m02 606", .iban, "fr14 2004 1010 0505 0001 3m02 606")
        assertNoFinding("GB82 WEST 1234 5698 7654 33", .iban)  // checksum
        assertNoFinding("DE8937040044053201300", .iban)  // one short
        assertNoFinding("ZZ82WEST12345698765432", .iban)  // unknown country
    }

    func testUSSSN() {
        assertFinds("SSN 536-22-1234", .usSSN, "536-22-1234")
        assertFinds("social security number 536221234", .usSSN, "536221234")
        assertNoFinding("666-12-3456 000-12-3456 912-34-5678 536-00-1234 536-22-0000", .usSSN)
        assertNoFinding("078-05-1120", .usSSN)
        assertNoFinding("536221234", .usSSN)  // bare nine digits without context
    }

    func testUKNINO() {
        assertFinds("NI number AB 12 34 56 C", .ukNINO, "AB 12 34 56 C")
        assertFinds("JG103759A", .ukNINO, "JG103759A")
        assertNoFinding("BG123456A GB123456A DA123456A AO123456A", .ukNINO)
        assertNoFinding("AB123456E", .ukNINO)
    }

    func testEmail() {
        assertFinds("mail jane.doe+tag@example.co.uk now", .email, "jane.doe+tag@example.co.uk")
        assertFinds("ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", .email, "ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ")
        assertFinds("write to jane [at] example [dot] com", .email, "jane [at] example [dot] com")
        assertFinds("j\u{0430}ne@example.com", .email, "j\u{0430}ne@example.com")
        assertNoFinding("follow @handle and user@localhost and a@b", .email)
        assertNoFinding("price @ 5.00", .email)
    }

    func testIPAddresses() {
        assertFinds("from 192.168.1.20, then", .ipAddress, "192.168.1.20")
        assertFinds("host 2001:db8::8a2e:370:7334", .ipAddress, "2001:db8::8a2e:370:7334")
        assertFinds("2001:0db8:85a3:0000:0000:8a2e:0370:7334", .ipAddress, "2001:0db8:85a3:0000:0000:8a2e:0370:7334")
        assertFinds("mapped ::ffff:192.0.2.128", .ipAddress, "::ffff:192.0.2.128")
        assertNoFinding("version 1.2.3.4 and v1.2.3.4 and 1.2.3.4.5", .ipAddress)
        assertNoFinding("256.1.1.1 and 01.2.3.4", .ipAddress)
        assertNoFinding("at 12:30:45, mac 00:1A:2B:3C:4D:5E, std::vector", .ipAddress)
    }
}

extension IdentifierDetectorTests {
    func testCanadianSIN() {
        assertFinds("SIN: 193 456 787", .caSIN, "193 456 787")
        assertNoFinding("SIN: 046 454 286", .caSIN)  // 0xx is only used for fictitious samples
        assertFinds("my social insurance number is 130-692-544", .caSIN, "130-692-544")
        assertNoFinding("SIN: 193 456 788", .caSIN)  // Luhn
        assertNoFinding("SIN 846 454 281", .caSIN)  // 8xx is never issued
        assertNoFinding("193456787", .caSIN)  // bare digits, no context
    }

    func testAadhaar() {
        XCTAssertTrue(AadhaarNumberDetector.verhoeffValid([2, 3, 6, 3]))  // 236 with check digit 3
        assertFinds("Aadhaar 2345 6789 0124", .inAadhaar, "2345 6789 0124")
        assertNoFinding("Aadhaar 2345 6789 0125", .inAadhaar)  // check digit
        assertNoFinding("1234 5678 9012", .inAadhaar)  // cannot start with 0 or 1
        assertNoFinding("order 234567890124", .inAadhaar)
    }
}

extension IdentifierDetectorTests {
    func testSpecialAddressesAreNotPersonal() {
        assertNoFinding("listening on 0.0.0.0:8080 and 127.0.0.1, broadcast 255.255.255.255, ::1", .ipAddress)
        assertFinds("peer 10.20.30.40:443", .ipAddress, "10.20.30.40")
    }
}
