/// Configuration of the prompt-injection guard.
public struct InjectionPolicy: Sendable, Hashable, Codable {
    public var enabled: Bool
    public var input: InjectionThresholds
    public var untrusted: InjectionThresholds

    public init(enabled: Bool = true, input: InjectionThresholds = .input, untrusted: InjectionThresholds = .untrusted) {
        self.enabled = enabled
        self.input = input
        self.untrusted = untrusted
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        input = try c.decodeIfPresent(InjectionThresholds.self, forKey: .input) ?? .input
        untrusted = try c.decodeIfPresent(InjectionThresholds.self, forKey: .untrusted) ?? .untrusted
    }
}
