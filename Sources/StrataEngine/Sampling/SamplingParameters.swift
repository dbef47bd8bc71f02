/// How to pick tokens and when to stop, per request (OpenAI-style semantics).
public struct SamplingParameters: Sendable {
    /// 0 means greedy (always the most likely token).
    public var temperature: Float = 1
    /// Keep only the k most likely tokens; 0 disables.
    public var topK: Int = 0
    /// Keep the smallest set of most likely tokens whose probability reaches topP.
    public var topP: Float = 1
    /// Drop tokens less likely than minP × the most likely token's probability.
    public var minP: Float = 0
    /// Divides positive (multiplies negative) logits of the last 64 prompt and output tokens.
    public var repetitionPenalty: Float = 1
    /// Subtracted per earlier occurrence in the output.
    public var frequencyPenalty: Float = 0
    /// Subtracted once if the token occurred in the output.
    public var presencePenalty: Float = 0
    /// Same seed, prompt and parameters give the same output.
    public var seed: UInt64? = nil
    public var maxTokens: Int = 256
    /// Generation ends before any of these strings; they are not emitted.
    public var stop: [String] = []
    /// nil: no logprobs; 0: the chosen token's logprob only; n: plus the n most likely alternatives.
    public var topLogprobs: Int? = nil

    public init() {}
}
