/// The verdict on one tool call under a `DataFlowPolicy`.
public enum DataFlowDecision: Sendable, Hashable, Codable {
    case allow
    /// Pause the workflow for a human (the agents layer's approval step).
    case requireApproval(reason: String)
    case block(reason: String)
}
