/// What a model's engine has done, for `/metrics`: its key/value memory, the prefix cache,
/// speculative decoding and batching. Published by the engine thread after every step.
public struct EngineStats: Sendable, Hashable {
    public var blockCapacity = 0
    public var blocksAllocated = 0
    public var blocksInUse = 0
    public var blocksCached = 0
    public var evictions = 0
    public var prefixLookups = 0
    public var prefixHits = 0
    public var draftedTokens = 0
    public var acceptedDraftTokens = 0
    /// Decode steps, and the tokens they produced across all sequences (tokens per step = batch size).
    public var steps = 0
    public var stepTokens = 0
    public var running = 0

    public init() {}
}
