// Strata engine benchmark and smoke-test tool (built by bench/engine/run.sh).
//   engine-bench MODEL bench [THREADS] [REPS]   pp128 / pp512 / tg128 tokens per second (mean of REPS)
//   engine-bench MODEL tg|pp THREADS N [CONTEXT] one measurement, wall and CPU time (tg after CONTEXT prompt tokens)
//   engine-bench MODEL chat "question" [N]      greedy chat completion, streamed
//   engine-bench MODEL load                     time to open and validate the model
import Foundation
import StrataEngine

let args = CommandLine.arguments
guard args.count >= 3 else {
    print("usage: engine-bench MODEL bench|tg|pp|chat [args]")
    exit(2)
}
let path = args[1], mode = args[2]
func intArg(_ i: Int, _ fallback: Int) -> Int { args.count > i ? Int(args[i]) ?? fallback : fallback }

do {
    switch mode {
    case "bench":
        let threads = intArg(3, 2), reps = intArg(4, 3)
        let model = try LocalModel(path: path, threads: threads)
        // Mean of the repetitions, as llama-bench reports (avg_ts).
        func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(max(1, xs.count)) }
        for n in [128, 512] {
            print(String(format: "pp%d %.2f", n, mean((0 ..< reps).map { _ in EngineBenchmark.prefill(model, tokens: n).tokensPerSecond })))
        }
        print(String(format: "tg128 %.2f", mean((0 ..< reps).map { _ in EngineBenchmark.decode(model, tokens: 128).tokensPerSecond })))
    case "tg", "pp":
        let threads = intArg(3, 1), n = intArg(4, 256)
        let model = try LocalModel(path: path, threads: threads)
        let r = mode == "tg" ? EngineBenchmark.decode(model, tokens: n, context: intArg(5, 1)) : EngineBenchmark.prefill(model, tokens: n)
        print(String(format: "%@%d threads %d: %.1f tok/s wall, %.1f tok per CPU-second", mode, n, threads, r.tokensPerSecond, r.tokensPerCPUSecond))
    case "load":
        let start = Date()
        let model = try LocalModel(path: path, threads: 2)
        print(String(format: "loaded %@ in %.1f ms (%d tokens vocabulary, %d layers)", model.name, Date().timeIntervalSince(start) * 1000,
                     model.tokenizer.vocabularySize, model.config.layers))
    case "chat":
        let model = try LocalModel(path: path, threads: 2)
        let question = args.count > 3 ? args[3] : "What is the capital of France?"
        let prompt = try model.renderChat([ChatTurn(role: "user", content: question)])
        var p = SamplingParameters()
        p.temperature = 0
        p.maxTokens = intArg(4, 200)
        let start = Date()
        var n = 0
        for try await chunk in model.generate(prompt: prompt, parameters: p) {
            print(chunk.text, terminator: "")
            fflush(nil)
            n = chunk.completionTokens
            if let f = chunk.finishReason { print("\n[finish: \(f), prompt \(chunk.promptTokens) tokens, completion \(n)]") }
        }
        print(String(format: "%.1f tok/s including prefill", Double(n) / Date().timeIntervalSince(start)))
    default:
        print("unknown mode \(mode)")
        exit(2)
    }
} catch {
    print("error: \(error)")
    exit(1)
}
