import ArgumentParser
import Dispatch
import Foundation
import Logging
import StrataCore
import StrataServer

/// `strata serve`: runs the API server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the Strata server (OpenAI- and Anthropic-compatible API).")

    @Option(name: .long, help: "Config file (default: ./strata.yaml when present, else built-in defaults).")
    var config: String?

    @Option(name: .long, help: "Address to listen on (overrides server.host).")
    var host: String?

    @Option(name: .long, help: "Port to listen on; 0 picks a free one (overrides server.port).")
    var port: Int?

    @Option(name: .long, help: "SQLite database file (overrides storage.database).")
    var database: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String?

    func run() async throws {
        let location = ConfigLocation(explicitPath: config)
        let settings = try location.loadOrExit(database: database)
        let level = Logger.Level(rawValue: logLevel ?? settings.logging.level) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "strata")
        let application: StrataApplication
        do {
            application = try await StrataApplication(config: settings, logger: logger)
        } catch {
            printError("strata: cannot start: \(error)")
            throw ExitCode(1)
        }
        let reloader = ConfigReloader(location: location, application: application, logger: logger)
        reloader.install()
        let bindHost = host ?? settings.server.host
        let configPath = location.path
        try await application.run(host: host, port: port) { boundPort in
            let banner = Banner(config: settings, host: bindHost, port: boundPort, configPath: configPath).text
            FileHandle.standardOutput.write(Data((banner + "\n").utf8))
        }
    }
}

/// Reloads the config on SIGHUP; a broken new config is logged and the old one kept.
final class ConfigReloader: Sendable {
    let location: ConfigLocation
    let application: StrataApplication
    let logger: Logger
    nonisolated(unsafe) var source: (any DispatchSourceSignal)?

    init(location: ConfigLocation, application: StrataApplication, logger: Logger) {
        self.location = location
        self.application = application
        self.logger = logger
    }

    func install() {
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        source.setEventHandler { [self] in
            Task {
                do {
                    try await application.reload(try location.load())
                } catch {
                    logger.error("config reload failed; keeping the running config", metadata: ["error": "\(error)"])
                }
            }
        }
        source.resume()
        self.source = source
    }
}
