/// What a finding is: a kind of personal data, secret, or policy hit.
///
/// A string-backed struct rather than an enum so configuration can name kinds the code
/// does not know yet (custom deny lists) without failing to decode.
public struct FindingKind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// The label used in placeholders, e.g. `CREDIT_CARD` in `[CREDIT_CARD_1]`.
    public var placeholderLabel: String { rawValue.uppercased() }

    // Personal data
    public static let person = FindingKind("person")
    public static let email = FindingKind("email")
    public static let phone = FindingKind("phone")
    public static let creditCard = FindingKind("credit_card")
    public static let iban = FindingKind("iban")
    public static let usSSN = FindingKind("us_ssn")
    public static let ukNINO = FindingKind("uk_nino")
    public static let caSIN = FindingKind("ca_sin")
    public static let inAadhaar = FindingKind("in_aadhaar")
    public static let ipAddress = FindingKind("ip_address")
    public static let streetAddress = FindingKind("street_address")

    // Secrets
    public static let awsAccessKey = FindingKind("aws_access_key")
    public static let openAIKey = FindingKind("openai_key")
    public static let anthropicKey = FindingKind("anthropic_key")
    public static let githubToken = FindingKind("github_token")
    public static let slackToken = FindingKind("slack_token")
    public static let stripeKey = FindingKind("stripe_key")
    public static let googleAPIKey = FindingKind("google_api_key")
    public static let jwt = FindingKind("jwt")
    public static let privateKey = FindingKind("private_key")
    public static let highEntropySecret = FindingKind("secret")
    /// A password or key written as an assignment (`password=…`) or inside a URL.
    public static let credential = FindingKind("credential")

    // Policy hits
    public static let promptInjection = FindingKind("prompt_injection")
    public static let invisibleText = FindingKind("invisible_text")
    public static let profanity = FindingKind("profanity")
    public static let hate = FindingKind("hate")
    public static let deniedTopic = FindingKind("denied_topic")
    public static let outputFormat = FindingKind("output_format")

    /// Kinds that are credentials rather than personal data; a leak of one is worse than
    /// any personal-data hit, which is why overlap resolution prefers them.
    public static let secretKinds: Set<FindingKind> = [
        .awsAccessKey, .openAIKey, .anthropicKey, .githubToken, .slackToken, .stripeKey, .googleAPIKey,
        .jwt, .privateKey, .highEntropySecret, .credential,
    ]

    /// Every kind the built-in PII and secret detectors emit.
    public static let dataKinds: Set<FindingKind> = secretKinds.union([
        .person, .email, .phone, .creditCard, .iban, .usSSN, .ukNINO, .caSIN, .inAadhaar, .ipAddress, .streetAddress,
    ])
}
