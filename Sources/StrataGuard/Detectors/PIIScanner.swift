/// Runs a set of detectors over one text and resolves overlaps, so each character belongs
/// to at most one finding (a card number is not also a phone number).
public struct PIIScanner: Sendable {
    public let detectors: [any PIIDetector]
    /// Findings below this confidence are dropped.
    public var minConfidence: Double

    /// When set, findings of other kinds are dropped (a detector may emit several kinds).
    public var onlyKinds: Set<FindingKind>?

    public init(detectors: [any PIIDetector] = PIIScanner.defaultDetectors, minConfidence: Double = 0.5) {
        self.detectors = detectors
        self.minConfidence = minConfidence
    }

    /// Every built-in detector, the set a policy starts from.
    public static var defaultDetectors: [any PIIDetector] {
        [
            PrivateKeyDetector(), APIKeyDetector(), JWTDetector(), EmailDetector(), IBANDetector(),
            CreditCardDetector(), USSocialSecurityNumberDetector(), UKNationalInsuranceNumberDetector(),
            CanadianSocialInsuranceNumberDetector(), AadhaarNumberDetector(),
            PhoneNumberDetector(), IPAddressDetector(), PersonNameDetector(), StreetAddressDetector(), CredentialAssignmentDetector(), HighEntropySecretDetector(),
        ]
    }

    /// Detectors restricted to those that can emit one of `kinds`.
    public init(kinds: Set<FindingKind>, minConfidence: Double = 0.5) {
        self.init(detectors: Self.defaultDetectors.filter { !$0.kinds.isDisjoint(with: kinds) }, minConfidence: minConfidence)
        onlyKinds = kinds
    }

    public func scan(_ text: String) -> [GuardFinding] {
        scan(ScannedText(text))
    }

    public func scan(_ text: ScannedText) -> [GuardFinding] {
        var all: [GuardFinding] = []
        for d in detectors {
            all.append(contentsOf: d.detect(in: text).filter { $0.confidence >= minConfidence && onlyKinds?.contains($0.kind) != false })
        }
        return FindingResolver.resolve(all)
    }
}
