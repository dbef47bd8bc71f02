@testable import StrataGuard
import XCTest

final class SecretDetectorTests: XCTestCase {
    static let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"

    func testProviderKeys() {
        assertFinds("aws AKIAIOSFODNN7EXAMPLE here", .awsAccessKey, "AKIAIOSFODNN7EXAMPLE")
        let openai = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z"
        assertFinds("OPENAI_API_KEY=\(openai)", .openAIKey, openai)
        let anthropic = "sk-ant-api03-AbCdEf0123456789GhIjKl"
        assertFinds(anthropic, .anthropicKey, anthropic)
        let ghp = "ghp_" + String(repeating: "aB3d", count: 9)
        assertFinds("token \(ghp)", .githubToken, ghp)
        let pat = "github_pat_" + String(repeating: "A1b2C3", count: 14)
        assertFinds(pat, .githubToken, pat)
        assertFinds("xoxb-123456789012-abcdefABCDEF", .slackToken, "xoxb-123456789012-abcdefABCDEF")
        assertFinds("sk_live_4eC39HqLyjWDarjtT1zdp7dc", .stripeKey, "sk_live_4eC39HqLyjWDarjtT1zdp7dc")
        assertFinds("AIzaSyD-abcdefghijklmnopqrstuvwxyz12345", .googleAPIKey, "AIzaSyD-abcdefghijklmnopqrstuvwxyz12345")
    }

    func testKeyLookalikesAreNotKeys() {
        assertNoFinding("AKIA is a prefix; AKIAIOSFODNN7EXAMPL is short", .awsAccessKey)
        assertNoFinding("use sk-learn-for-classification-tasks-today", .openAIKey)
        assertNoFinding("ghp_short and xghp_" + String(repeating: "a", count: 36), .githubToken)
    }

    func testJWT() {
        assertFinds("Authorization: Bearer \(Self.jwt)", .jwt, Self.jwt)
        assertNoFinding("eyJ is how JSON starts in base64", .jwt)
    }

    func testPrivateKey() {
        let pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1c7\nabc==\n-----END RSA PRIVATE KEY-----"
        let hits = found("key:\n\(pem)\nthanks")
        XCTAssertEqual(hits.map(\.0), [.privateKey])
        XCTAssertEqual(hits.first?.1, pem)
        let truncated = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA"
        assertFinds("oops \(truncated)", .privateKey, truncated)
        assertNoFinding("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", .privateKey)
    }

    func testHighEntropy() {
        assertFinds("the value 9fQ2xLr7Vb3KpZ8wNc4TgH6yJm1Sd5Ea is set", .highEntropySecret, "9fQ2xLr7Vb3KpZ8wNc4TgH6yJm1Sd5Ea")
        assertFinds("api token hunter2Hunter3xyzABC12345", .highEntropySecret, "hunter2Hunter3xyzABC12345")
        assertNoFinding("internationalization_configuration_manager", .highEntropySecret)
        assertNoFinding("id 123e4567-e89b-12d3-a456-426614174000", .highEntropySecret)
        assertNoFinding("commit 3f786850e387550fdab836ed7e6dc881de23001b", .highEntropySecret)
        assertNoFinding("see /usr/local/lib/python3.11/site-packages", .highEntropySecret)
    }

    func testSpecificKindBeatsGenericEntropy() {
        let hits = found("key AKIAIOSFODNN7EXAMPLE")
        XCTAssertEqual(hits.map(\.0), [.awsAccessKey])
    }
}

extension SecretDetectorTests {
    func testCredentialAssignments() {
        assertFinds("password=hunter2 and more", .credential, "hunter2")
        assertFinds(#"{"client_secret": "abc123xyz"}"#, .credential, "abc123xyz")
        assertFinds("DB_PASSWORD: s3cret!", .credential, "s3cret!")
        assertFinds("export AWS_SECRET_ACCESS_KEY='wJalrXUtnFEMI/K7MDENG'", .credential, "wJalrXUtnFEMI/K7MDENG")
        assertFinds("url postgres://app:Tr0ub4dor@db.internal:5432/prod", .credential, "Tr0ub4dor")
        let redacted = PIIRedactor.redact("password=hunter2", findings: PIIScanner().scan("password=hunter2"))
        XCTAssertEqual(redacted, "password=[CREDENTIAL_1]")
    }

    func testCredentialPlaceholdersAreNotSecrets() {
        assertNoFinding("password=******** token: <token> secret = ${SECRET} api_key: os.environ", .credential)
        assertNoFinding("Enter your password: then press enter.", .credential)
        assertNoFinding("see https://example.com/path and http://host:8080/x", .credential)
    }
}
