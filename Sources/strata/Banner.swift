import StrataCore

/// The startup banner: where the API and console are, which config and models are in use.
struct Banner {
    let config: StrataConfig
    let host: String
    let port: Int
    let configPath: String?

    var text: String {
        let base = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        var lines = [
            "",
            "  Strata \(Strata.version) is running",
            "",
            "  API        \(base)/v1   (OpenAI-compatible; Anthropic at \(base)/v1/messages)",
            "  Console    \(base)/",
            "  OpenAPI    \(base)/openapi.json",
            "  Metrics    \(base)/metrics",
            "  Config     \(configPath ?? "built-in defaults (no strata.yaml)")",
            "  Database   \(config.storage.database)",
            "  Auth       \(config.auth.masterKey == nil ? "open: no master key set (listen on loopback only)" : "master key required")",
        ]
        if config.models.isEmpty {
            lines.append("  Models     none: set OPENAI_API_KEY / ANTHROPIC_API_KEY / GEMINI_API_KEY or add models to strata.yaml")
        } else {
            for (index, model) in config.models.enumerated() {
                let kinds = Set(model.deployments.map(\.provider.rawValue)).sorted().joined(separator: ", ")
                lines.append("  \(index == 0 ? "Models    " : "          ") \(model.name) (\(kinds))")
            }
        }
        lines.append("")
        lines.append("  Try: curl \(base)/v1/models")
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
