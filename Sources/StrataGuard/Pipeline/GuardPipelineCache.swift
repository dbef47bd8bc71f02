/// Compiled pipelines by policy, so each distinct effective policy is compiled once (word
/// lists indexed, phrase rules built) and shared by every request that resolves to it.
/// Bounded: when full, the least recently used pipeline is dropped.
public actor GuardPipelineCache {
    private var pipelines: [GuardPolicy: GuardPipeline] = [:]
    private var lastUse: [GuardPolicy: UInt64] = [:]
    private var tick: UInt64 = 0
    public let capacity: Int

    public init(capacity: Int = 64) {
        self.capacity = max(1, capacity)
    }

    public func pipeline(for policy: GuardPolicy) -> GuardPipeline {
        tick += 1
        lastUse[policy] = tick
        if let cached = pipelines[policy] { return cached }
        if pipelines.count >= capacity, let oldest = lastUse.filter({ pipelines[$0.key] != nil }).min(by: { $0.value < $1.value })?.key {
            pipelines[oldest] = nil
            lastUse[oldest] = nil
        }
        let compiled = GuardPipeline(policy: policy)
        pipelines[policy] = compiled
        return compiled
    }

    /// Drops everything, e.g. after a configuration reload.
    public func removeAll() {
        pipelines = [:]
        lastUse = [:]
    }

    public var count: Int { pipelines.count }
}
