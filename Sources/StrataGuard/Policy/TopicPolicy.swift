/// Configuration of the denied-topics guard.
public struct TopicPolicy: Sendable, Hashable, Codable {
    public var denied: [DeniedTopic]
    public var action: GuardAction
    public var directions: Set<GuardDirection>

    public init(denied: [DeniedTopic] = [], action: GuardAction = .block, directions: Set<GuardDirection> = [.input, .output]) {
        self.denied = denied
        self.action = action
        self.directions = directions
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        denied = try c.decodeIfPresent([DeniedTopic].self, forKey: .denied) ?? []
        action = try c.decodeIfPresent(GuardAction.self, forKey: .action) ?? .block
        directions = try c.decodeIfPresent(Set<GuardDirection>.self, forKey: .directions) ?? [.input, .output]
    }
}
