/// An LLM as a second opinion on prompt injection (`guards.injection_judge`): after the
/// heuristic detector passes a text, the judge model is asked whether it tries to instruct an
/// AI. Costs one model call per judged text, so it is opt-in and per direction.
public struct InjectionJudgeConfig: Sendable, Hashable, Codable {
    /// The model (a name from the config) that judges.
    public var model: String
    /// What it judges: `untrusted` (retrieved chunks) and/or `input` (the user's last message).
    public var directions: [GuardDirection]

    public init(model: String, directions: [GuardDirection] = [.untrusted]) {
        self.model = model
        self.directions = directions
    }

    enum CodingKeys: String, CodingKey {
        case model, directions
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        model = try c.decode(String.self, forKey: .model)
        directions = try c.decodeIfPresent([GuardDirection].self, forKey: .directions) ?? [.untrusted]
    }

    public func judges(_ direction: GuardDirection) -> Bool { directions.contains(direction) }
}
