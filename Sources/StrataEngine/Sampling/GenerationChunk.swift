/// A piece of streamed output. Text never splits a UTF-8 character and never contains a stop string.
public struct GenerationChunk: Sendable {
    public var text: String
    public var logprobs: [TokenLogprob]
    /// Non-nil only on the last chunk.
    public var finishReason: FinishReason?
    public var promptTokens: Int
    public var completionTokens: Int
    /// Speculative decoding, on the last chunk: tokens drafted and how many were accepted.
    public var draftedTokens = 0
    public var acceptedDraftTokens = 0
    /// Prompt tokens whose keys and values were reused instead of computed (prefix cache), on the last chunk.
    public var cachedPromptTokens = 0

    public init(text: String, logprobs: [TokenLogprob] = [], finishReason: FinishReason? = nil, promptTokens: Int, completionTokens: Int) {
        self.text = text
        self.logprobs = logprobs
        self.finishReason = finishReason
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }
}
