import ArgumentParser

/// The `strata` command line.
@main
struct Strata: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "strata",
        abstract: "Strata: the LLM infrastructure stack in one server.",
        discussion: "Start the server with `strata serve` (reads strata.yaml when present). "
            + "The API is OpenAI-compatible at /v1 and Anthropic-compatible at /v1/messages.",
        version: version,
        subcommands: [ServeCommand.self, ConfigCommand.self, KeysCommand.self, IngestCommand.self, AuditCommand.self, PolicyCommand.self,
                      GenerateCommand.self],
        defaultSubcommand: nil)
}
