/// One message of a conversation, as the chat template sees it.
public struct ChatTurn: Sendable, Equatable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}
