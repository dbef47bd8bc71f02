import Foundation
import StrataCore
import StrataGateway
import XCTest

final class GuardConfigTests: XCTestCase {
    func testUnknownGuardKeysAreReportedWithTheirPath() throws {
        let section: JSONValue = [
            "base": ["pii": ["actions": ["email": "pseudonymize"], "chek_output": false]],
            "rate_limits": ["defaults": ["key": ["requests_per_minute": 5, "burst": 2]]],
            "budgets": ["limits": [["scope": "tenant:acme", "period": "daily", "max_usd": 5]]],
        ]
        XCTAssertThrowsError(try GuardStage.make(from: section)) { error in
            let paths = (error as? ConfigError)?.issues.map(\.path) ?? []
            XCTAssertEqual(paths, ["guards.base.pii.chek_output", "guards.rate_limits.defaults.key.burst"])
        }
    }

    func testFullFixtureHasNoUnknownKeys() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/guard/guards.json")
        let section = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
        XCTAssertNotNil(try GuardStage.make(from: section))
    }
}
