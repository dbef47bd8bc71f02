/// Scores at which an injection assessment flags or blocks, per direction of text.
public struct InjectionThresholds: Sendable, Codable, Hashable {
    public var flag: Double
    public var block: Double

    public init(flag: Double, block: Double) {
        self.flag = flag
        self.block = block
    }

    /// User prompts: people quote attacks while asking about them, so only block clear cases.
    public static let input = InjectionThresholds(flag: 0.5, block: 0.8)
    /// Untrusted content should carry no instructions at all.
    public static let untrusted = InjectionThresholds(flag: 0.35, block: 0.6)
}
