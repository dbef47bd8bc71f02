@testable import StrataGuard
import XCTest

final class StreetAddressDetectorTests: XCTestCase {
    func testEnglishAndGermanAddresses() {
        assertFinds("ship it to 221B Baker Street please", .streetAddress, "221B Baker Street")
        assertFinds("The White House, 1600 Pennsylvania Avenue NW, Washington", .streetAddress, "1600 Pennsylvania Avenue NW")
        assertFinds("meet at 10 Downing St. at noon", .streetAddress, "10 Downing St.")
        assertFinds("I live at 42 Old Mill Lane.", .streetAddress, "42 Old Mill Lane")
        assertFinds("Adresse: Hauptstraße 12, 10115 Berlin", .streetAddress, "Hauptstraße 12")
        assertFinds("Lindenallee 4a ist neu", .streetAddress, "Lindenallee 4a")
        assertFinds("deliver to ４２ Old Mill Lane", .streetAddress, "４２ Old Mill Lane")
    }

    func testThingsThatAreNotAddresses() {
        assertNoFinding("I ordered 3 Large Pizzas for the team", .streetAddress)
        assertNoFinding("we walked 5 miles down the road", .streetAddress)
        assertNoFinding("chapter 12 Street Photography basics", .streetAddress)
        assertNoFinding("the street was quiet", .streetAddress)
        assertNoFinding("Die Straße 12 Jahre lang", .streetAddress)
    }
}
