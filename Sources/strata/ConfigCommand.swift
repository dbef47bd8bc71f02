import ArgumentParser
import Foundation
import StrataCore
import StrataGateway

/// `strata config check FILE`: validates a config and reports every problem with its line.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Work with strata.yaml.", subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check", abstract: "Validate a config file; exits 2 and prints line-numbered errors when invalid.")

        @Argument(help: "The config file.")
        var file: String = "strata.yaml"

        func run() async throws {
            do {
                let config = try ConfigLoader().load(file: file)
                _ = try GuardStage.make(from: config.guards, file: file)
                let deployments = config.models.reduce(0) { $0 + $1.deployments.count }
                print("\(file): ok — \(config.models.count) models, \(deployments) deployments, \(config.routing.rules.count) routing rules")
            } catch let error as ConfigError {
                printError(error.description)
                throw ExitCode(2)
            }
        }
    }
}
