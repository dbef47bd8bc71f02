/// One guard's verdict inside a pipeline run, for traces and the review inbox.
public struct GuardResult: Sendable, Hashable, Codable {
    public var guardName: String
    public var verdict: GuardVerdict

    public init(guardName: String, verdict: GuardVerdict) {
        self.guardName = guardName
        self.verdict = verdict
    }
}
