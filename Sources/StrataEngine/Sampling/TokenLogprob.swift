/// The chosen token at a position, its log-probability and the most likely alternatives.
public struct TokenLogprob: Sendable, Equatable {
    public var token: String
    public var logprob: Float
    public var bytes: [UInt8]
    public var top: [TopLogprob]

    public init(token: String, logprob: Float, bytes: [UInt8], top: [TopLogprob]) {
        self.token = token
        self.logprob = logprob
        self.bytes = bytes
        self.top = top
    }
}
