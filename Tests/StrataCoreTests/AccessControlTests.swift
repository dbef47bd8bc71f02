import StrataCore
import XCTest

final class AccessControlTests: XCTestCase {
    func testTheReadRule() {
        let ann = Principal(tenant: "acme", user: "ann", groups: ["eng"], clearances: ["confidential"])
        let open = AccessControl(tenant: "acme")
        XCTAssertTrue(open.permits(ann))
        XCTAssertFalse(AccessControl(tenant: "globex").permits(ann), "other tenant")
        XCTAssertTrue(AccessControl(tenant: "acme", owners: ["ann"]).permits(ann))
        XCTAssertFalse(AccessControl(tenant: "acme", owners: ["bob"]).permits(ann), "owned by someone else")
        XCTAssertTrue(AccessControl(tenant: "acme", owners: ["bob"], groups: ["eng"]).permits(ann), "via a group")
        XCTAssertFalse(AccessControl(tenant: "acme", groups: ["sales"]).permits(ann))
        XCTAssertTrue(AccessControl(tenant: "acme", labels: ["confidential"]).permits(ann))
        XCTAssertFalse(AccessControl(tenant: "acme", labels: ["confidential", "secret"]).permits(ann), "needs every label")
        XCTAssertFalse(AccessControl(tenant: "acme", owners: ["ann"], labels: ["secret"]).permits(ann), "owners need clearance too")
        XCTAssertTrue(AccessControl(tenant: "globex", labels: ["secret"]).permits(.admin))
        let anonymous = Principal(tenant: "acme")
        XCTAssertTrue(open.permits(anonymous))
        XCTAssertFalse(AccessControl(tenant: "acme", owners: ["ann"]).permits(anonymous))
    }

    func testPrincipalsFromKeysAndJSON() throws {
        let p = Principal(keyMetadata: ["tenant": "acme", "user": "ann", "groups": "eng, sales,", "clearances": "confidential"])
        XCTAssertEqual(p, Principal(tenant: "acme", user: "ann", groups: ["eng", "sales"], clearances: ["confidential"]))
        let decoded = try JSONDecoder().decode(Principal.self, from: Data(#"{"tenant":"acme","unrestricted":true}"#.utf8))
        XCTAssertFalse(decoded.unrestricted, "a principal from the wire is never the operator")
    }

    func testMetadataFilterParsingAndErrors() throws {
        let filter = try MetadataFilter(json: JSONValue.parse(#"{"year":{"$gte":2023,"$lt":2026},"team":"search"}"#)!)
        XCTAssertTrue(filter.matches(["year": .number(2024), "team": .string("search")]))
        XCTAssertFalse(filter.matches(["year": .number(2026), "team": .string("search")]))
        XCTAssertFalse(filter.matches(["team": .string("search")]), "a missing field fails a comparison")
        let ne = try MetadataFilter(json: JSONValue.parse(#"{"team":{"$ne":"x"}}"#)!)
        XCTAssertTrue(ne.matches([:]), "$ne matches a missing field")
        let nested = try MetadataFilter(json: JSONValue.parse(#"{"author.name":{"$in":["ann","bob"]}}"#)!)
        XCTAssertTrue(nested.matches(["author": .object(["name": .string("bob")])]))
        for (bad, message) in [
            (#"[1]"#, "a filter is a JSON object"),
            (#"{"year":{"$regex":"x"}}"#, "unknown operator $regex"),
            (#"{"$nor":[]}"#, "unknown operator $nor"),
            (#"{"a b":1}"#, "field name"),
            (#"{"x":{"$in":[]}}"#, "non-empty array"),
            (#"{"x":{"$gt":true}}"#, "number or a string"),
            (#"{"x":{"$exists":1}}"#, "true or false"),
        ] {
            XCTAssertThrowsError(try MetadataFilter(json: JSONValue.parse(bad)!), bad) { error in
                XCTAssertTrue("\(error)".contains(message), "\(bad): \(error)")
            }
        }
    }
}
