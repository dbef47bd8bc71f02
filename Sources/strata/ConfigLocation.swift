import Foundation
import StrataCore

/// Finds and loads the config the way every subcommand does: `--config PATH`, else
/// `strata.yaml` in the working directory, else built-in defaults; then env-discovered providers.
struct ConfigLocation {
    var explicitPath: String?

    var path: String? {
        if let explicitPath { return explicitPath }
        return FileManager.default.fileExists(atPath: "strata.yaml") ? "strata.yaml" : nil
    }

    func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> StrataConfig {
        let loader = ConfigLoader(environment: environment)
        let base = try path.map { try loader.load(file: $0) } ?? StrataConfig()
        let models = environment["STRATA_MODELS_DIR"] ?? "models"
        return BundledModelDiscovery(modelsDirectory: models).apply(to: ProviderDiscovery(environment: environment).apply(to: base))
    }
}

import ArgumentParser

extension ConfigLocation {
    /// The config with `--database` applied; an invalid config is printed and exits with status 2.
    func loadOrExit(database: String?) throws -> StrataConfig {
        var settings: StrataConfig
        do {
            settings = try load()
        } catch let error as ConfigError {
            printError("strata: invalid config\n\(error)")
            throw ExitCode(2)
        }
        if let database { settings.storage.database = database }
        return settings
    }
}

/// Prints a message to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
