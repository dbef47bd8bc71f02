@testable import StrataGuard
import XCTest

/// Text developers paste into prompts every day (code, logs, configs, data) that contains no
/// personal data or secrets: every default guard must stay quiet on it.
final class FalsePositiveCorpusTests: XCTestCase {
    static let corpus: [String] = [
        """
        import numpy as np
        x = np.linspace(0, 3.14159265358979, 1000)
        colors = ["#1f77b4", "#ff7f0e", "#2ca02c"]
        assert version.parse("2.31.0") >= version.parse("2.3.4")
        id = "123e4567-e89b-12d3-a456-426614174000"  # request uuid
        """,
        """
        2026-11-25T06:13:15.123Z INFO  server started on 0.0.0.0:8080 (pid 48213, build 1.4.2.7)
        2026-11-25T06:13:16.002Z DEBUG cache hit ratio=0.9731 keys=120394 evictions=17
        GET /api/v2/items?page=3&limit=50 200 12.4ms
        """,
        """
        FROM swift:6.1-jammy
        RUN apt-get update && apt-get install -y libsqlite3-dev=3.37.2-2ubuntu0.3
        EXPOSE 8080
        HEALTHCHECK --interval=30s CMD curl -f http://localhost:8080/healthz || exit 1
        """,
        """
        | quarter | revenue | growth |
        |---|---:|---:|
        | Q1 2025 | 4,302,118 | 12.5% |
        | Q2 2025 | 4,871,660 | 13.2% |
        Sum of 1234567 and 7654321 is 8888888; pi is 3.1415926535.
        """,
        """
        commit 9fceb02d0ae598e95dc970b74767f19372d61af8
        Author: build bot
        Date:   Tue Nov 24 10:21:07 2026 +0000
            Bump swift-crypto from 4.5.1 to 4.5.2 (#1183)
        """,
        """
        The password policy requires 12 characters. Set the token lifetime in the settings page.
        Enter your password: then press Enter. See RFC 7519 section 4.1 for JWT claims.
        """,
        """
        let key = "apiKey"  // the name of the header, not a key
        headers["Authorization"] = "Bearer \\(token)"
        config.secret = ProcessInfo.processInfo.environment["APP_SECRET"]
        """,
    ]

    func testDefaultGuardsStayQuiet() {
        let pipeline = GuardPipeline(policy: .standard)
        for text in Self.corpus {
            var vault = PseudonymVault()
            let outcome = pipeline.checkInput(text, vault: &vault)
            XCTAssertEqual(outcome.verdict, .allow, "\(outcome.verdict.findings.map { ($0.kind.rawValue, $0.text, $0.detail) })\n\(text)")
            XCTAssertEqual(outcome.text, text)
        }
    }
}
