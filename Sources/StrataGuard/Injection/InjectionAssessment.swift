/// The result of scoring a text for prompt injection: a combined score in 0...1 and the
/// evidence behind it.
public struct InjectionAssessment: Sendable, Hashable {
    public var score: Double
    public var findings: [GuardFinding]

    public init(score: Double, findings: [GuardFinding]) {
        self.score = score
        self.findings = findings
    }
}
