import ArgumentParser
import Foundation
import StrataCore
import StrataGateway
import StrataGuard

/// `strata policy test`: runs text through the guards a config defines, as the gateway would.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Try the guard policies of a config.", subcommands: [Test.self])

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what the guards do to an input (or an answer): the decision, findings and the text the provider would see.")

        @Argument(help: "The config file with a guards: section.")
        var file: String = "strata.yaml"

        @Option(name: .long, help: "The text to check.")
        var input: String

        @Option(name: .long, help: "input (a user message), untrusted (a tool result or retrieved text) or output (an answer).")
        var direction: String = "input"

        @Option(name: .long, help: "Resolve the policy for this key name.")
        var key: String?

        @Option(name: .long, help: "Resolve the policy for this tenant.")
        var tenant: String?

        @Option(name: .long, help: "Resolve the policy for this model.")
        var model: String?

        @Option(name: .long, help: "Resolve the policy for this route, e.g. /v1/chat/completions.")
        var route: String = "/v1/chat/completions"

        func run() async throws {
            let config: StrataConfig
            do {
                config = try ConfigLoader().load(file: file)
            } catch let error as ConfigError {
                printError(error.description)
                throw ExitCode(2)
            }
            guard let stage = try GuardStage.make(from: config.guards, file: file) else {
                printError("\(file) has no guards: section; every text is allowed.")
                throw ExitCode(1)
            }
            let (policy, applied) = stage.configuration.policies.resolve(
                PolicyContext(tenant: tenant, key: key, route: route, model: model))
            let pipeline = GuardPipeline(policy: policy)
            var vault = PseudonymVault()
            let outcome: GuardOutcome
            switch direction {
            case "input": outcome = pipeline.checkInput(input, vault: &vault)
            case "untrusted": outcome = pipeline.checkUntrusted(input, vault: &vault)
            case "output": outcome = pipeline.checkOutput(input, vault: vault)
            default:
                printError("--direction must be input, untrusted or output")
                throw ExitCode(2)
            }
            print("policies:  base\(applied.isEmpty ? "" : " + " + applied.joined(separator: " + "))")
            print("guards:    \(pipeline.guardNames(for: direction == "output" ? .output : direction == "untrusted" ? .untrusted : .input).joined(separator: ", "))")
            print("decision:  \(outcome.verdict.name)\(outcome.blockReason.map { " (\($0))" } ?? "")")
            for result in outcome.results where result.verdict.severity > 0 {
                for finding in result.verdict.findings {
                    print(String(format: "finding:   %@ %@ (confidence %.2f)%@", result.guardName, finding.kind.rawValue,
                                 finding.confidence, finding.detail.isEmpty ? "" : " — \(finding.detail)"))
                }
            }
            if !outcome.isBlocked { print("sent on:   \(outcome.text)") }
            if outcome.isBlocked { throw ExitCode(3) }
        }
    }
}
