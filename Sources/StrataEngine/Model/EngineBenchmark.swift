#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Times prefill and decode on the calling thread, the way llama-bench measures pp/tg:
/// `pp` = prompt tokens per second for a prompt of n tokens, `tg` = generated tokens per
/// second after a one-token prompt. Not for request paths: it bypasses the engine thread.
public enum EngineBenchmark {
    public struct Result: Sendable {
        public var tokens: Int
        public var seconds: Double
        /// CPU time of the whole process: on a shared machine, wall time also counts the
        /// time other processes held the cores.
        public var cpuSeconds: Double
        public var tokensPerSecond: Double { Double(tokens) / seconds }
        public var tokensPerCPUSecond: Double { Double(tokens) / cpuSeconds }
    }

    static func cpuNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    public static func prefill(_ model: LocalModel, tokens n: Int, threads: Int? = nil) -> Result {
        let runner = LlamaRunner(config: model.config, weights: model.weights, pool: ComputePool(threads: threads ?? model.threads))
        let ids = (0 ..< n).map { ($0 * 7919 + 13) % model.config.vocabularySize }
        var kv = SequenceKV()
        runner.forward(ids[0 ..< min(8, n)], kv: &kv, wantLogits: true) // warm-up
        kv.reset(in: runner.kvPool)
        let t0 = monotonicNanoseconds(), c0 = cpuNanoseconds()
        runner.forward(ids[...], kv: &kv, wantLogits: true)
        let t1 = monotonicNanoseconds(), c1 = cpuNanoseconds()
        return Result(tokens: n, seconds: Double(t1 - t0) / 1e9, cpuSeconds: Double(c1 - c0) / 1e9)
    }

    /// `context` tokens are prefilled first (llama-bench's tg uses 1), to see attention's share grow.
    public static func decode(_ model: LocalModel, tokens n: Int, context: Int = 1, threads: Int? = nil) -> Result {
        let runner = LlamaRunner(config: model.config, weights: model.weights, pool: ComputePool(threads: threads ?? model.threads))
        var kv = SequenceKV()
        let prompt = (0 ..< max(1, context)).map { ($0 * 7919 + 13) % model.config.vocabularySize }
        runner.forward(prompt[...], kv: &kv, wantLogits: true)
        let t0 = monotonicNanoseconds(), c0 = cpuNanoseconds()
        var token = 1
        for _ in 0 ..< n {
            runner.forward([token][...], kv: &kv, wantLogits: true)
            var best = 0
            for i in 0 ..< model.config.vocabularySize where runner.logits[i] > runner.logits[best] { best = i }
            token = best
        }
        let t1 = monotonicNanoseconds(), c1 = cpuNanoseconds()
        return Result(tokens: n, seconds: Double(t1 - t0) / 1e9, cpuSeconds: Double(c1 - c0) / 1e9)
    }
}
