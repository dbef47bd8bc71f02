/// One alternative token at a position, with its log-probability under the model.
public struct TopLogprob: Sendable, Equatable {
    public var token: String
    public var logprob: Float
    public var bytes: [UInt8]

    public init(token: String, logprob: Float, bytes: [UInt8]) {
        self.token = token
        self.logprob = logprob
        self.bytes = bytes
    }
}
