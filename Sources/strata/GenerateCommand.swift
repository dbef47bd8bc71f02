import ArgumentParser
import Foundation
import StrataEngine

/// `strata generate`: runs a GGUF model on the local engine and prints tokens per second.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Generate text with a local GGUF model and report its speed.")

    @Option(name: .long, help: "Path of a GGUF file.")
    var model: String = "models/SmolLM2-135M-Instruct.Q4_1.gguf"

    @Option(name: .long, help: "The prompt.")
    var prompt: String

    @Flag(name: .long, help: "Send the prompt as a user message through the model's chat template.")
    var chat = false

    @Option(name: .long, help: "Tokens to generate at most.")
    var maxTokens: Int = 128

    @Option(name: .long, help: "Sampling temperature (0: greedy).")
    var temperature: Float = 0

    @Option(name: .long, help: "Random seed, for reproducible sampling.")
    var seed: UInt64?

    @Option(name: .long, help: "Compute threads.")
    var threads: Int = 2

    @Option(name: .long, help: "Speculative decoding by prompt lookup: tokens drafted per step (greedy only; 0: off).")
    var draft: Int = 0

    func run() async throws {
        let loaded: LocalModel
        do {
            loaded = try LocalModel(path: model, threads: threads)
        } catch {
            printError("strata: cannot load \(model): \(error)")
            throw ExitCode(1)
        }
        let text = chat ? try loaded.renderChat([ChatTurn(role: "user", content: prompt)]) : prompt
        var parameters = SamplingParameters()
        parameters.temperature = temperature
        parameters.maxTokens = maxTokens
        parameters.seed = seed
        parameters.draftTokens = draft
        let started = ContinuousClock.now
        var firstToken: ContinuousClock.Instant?
        var promptTokens = 0
        var completionTokens = 0
        var drafted = 0, accepted = 0
        for try await chunk in loaded.generate(prompt: text, parameters: parameters) {
            if firstToken == nil { firstToken = ContinuousClock.now }
            FileHandle.standardOutput.write(Data(chunk.text.utf8))
            promptTokens = chunk.promptTokens
            completionTokens = chunk.completionTokens
            drafted += chunk.draftedTokens
            accepted += chunk.acceptedDraftTokens
        }
        let end = ContinuousClock.now
        let prefill = (firstToken ?? end) - started
        let decode = end - (firstToken ?? started)
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        let decodeRate = completionTokens > 1 ? Double(completionTokens - 1) / max(seconds(decode), 1e-9) : 0
        printError(String(format: "\n\n%@: %d prompt tokens in %.3f s (%.1f tok/s), %d generated at %.1f tok/s",
                          loaded.name, promptTokens, seconds(prefill), Double(promptTokens) / max(seconds(prefill), 1e-9),
                          completionTokens, decodeRate))
        if drafted > 0 {
            printError(String(format: "speculative: %d of %d drafted tokens accepted (%.0f%%)", accepted, drafted,
                              100 * Double(accepted) / Double(drafted)))
        }
    }
}
