/// A rule over the bytes a generation may produce (a JSON schema, say): the sampler only
/// picks tokens whose bytes the rule allows next, and generation stops when it must.
public protocol TokenConstraint: Sendable {
    /// Whether `bytes` may follow what was generated so far (and still lead to a valid end).
    func allows(_ bytes: [UInt8]) -> Bool
    /// Appends bytes that `allows` accepted.
    mutating func advance(_ bytes: [UInt8])
    /// What was generated is complete: ending here is valid.
    var isComplete: Bool { get }
    /// Nothing more may follow.
    var mustStop: Bool { get }
}

/// Makes a fresh constraint for each generation.
public protocol TokenConstraintSource: Sendable {
    func makeConstraint() -> any TokenConstraint
}
