/// A topic a route or tenant must not discuss, recognised by any of its phrases.
public struct DeniedTopic: Sendable, Codable, Hashable {
    public var name: String
    /// Lower-case words or phrases; matched on whole words after de-obfuscation.
    public var phrases: [String]

    public init(name: String, phrases: [String]) {
        self.name = name
        self.phrases = phrases
    }
}
