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
    /// Speculative decoding by prompt lookup: up to this many tokens are drafted from an
    /// earlier occurrence of the last few tokens and verified in one pass. 0 disables it.
    /// Applies to greedy decoding without penalties or logprobs, where the output is
    /// token-for-token the same as without it.
    public var draftTokens: Int = 0
    /// End-of-generation tokens are never chosen (benchmarks that need a fixed length).
    public var ignoreEOS = false
    /// Only tokens this constraint allows are chosen (JSON schema output); nil: free text.
    public var constraint: (any TokenConstraintSource)? = nil

    public init() {}

    /// Whether prompt-lookup speculation applies: greedy, no penalties, no logprobs.
    var speculates: Bool {
        draftTokens > 0 && (temperature <= 0 || topK == 1) && repetitionPenalty == 1 && frequencyPenalty == 0
            && presencePenalty == 0 && topLogprobs == nil && constraint == nil
    }
}
