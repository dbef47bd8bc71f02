/// Checks what decoding cannot: names that must exist, values that must be in range.
public struct ConfigValidator: Sendable {
    public init() {}

    /// A problem at a coding path.
    public struct Problem: Sendable {
        public var path: [DynamicCodingKey]
        public var message: String
    }

    public func validate(_ config: StrataConfig) -> [Problem] {
        var problems: [Problem] = []
        func key(_ name: String) -> DynamicCodingKey { DynamicCodingKey(name) }
        func index(_ value: Int) -> DynamicCodingKey {
            DynamicCodingKey(intValue: value) ?? DynamicCodingKey(String(value))
        }
        let names = config.models.map(\.name)
        var seen: Set<String> = []
        for (i, model) in config.models.enumerated() {
            let base = [key("models"), index(i)]
            if model.name.isEmpty {
                problems.append(Problem(path: base + [key("name")], message: "a model needs a non-empty name"))
            }
            if !seen.insert(model.name).inserted {
                problems.append(Problem(path: base + [key("name")], message: "model '\(model.name)' is defined twice"))
            }
            if model.deployments.isEmpty {
                problems.append(Problem(path: base + [key("deployments")], message: "a model needs at least one deployment"))
            }
            for fallback in model.fallbacks where !names.contains(fallback) {
                problems.append(Problem(path: base + [key("fallbacks")],
                                        message: "fallback '\(fallback)' is not a configured model"))
            }
            for (j, deployment) in model.deployments.enumerated() {
                let path = base + [key("deployments"), index(j)]
                if deployment.weight < 0 {
                    problems.append(Problem(path: path + [key("weight")], message: "weight must be 0 or more"))
                }
                switch deployment.provider {
                case .openaiCompatible, .azure:
                    if deployment.baseURL == nil {
                        problems.append(Problem(path: path, message: "provider '\(deployment.provider.rawValue)' needs base_url"))
                    }
                case .local:
                    if deployment.path == nil {
                        problems.append(Problem(path: path, message: "provider 'local' needs path (a GGUF file)"))
                    }
                case .openai, .anthropic, .gemini:
                    break
                }
                if let url = deployment.baseURL, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
                    problems.append(Problem(path: path + [key("base_url")], message: "base_url must start with http:// or https://"))
                }
            }
        }
        for (i, rule) in config.routing.rules.enumerated() where !names.contains(rule.routeTo) {
            problems.append(Problem(path: [key("routing"), key("rules"), index(i), key("route_to")],
                                    message: "route_to '\(rule.routeTo)' is not a configured model"))
        }
        if !(1...65535).contains(config.server.port) {
            problems.append(Problem(path: [key("server"), key("port")], message: "port must be between 1 and 65535"))
        }
        if config.server.maxBodyBytes < 1024 {
            problems.append(Problem(path: [key("server"), key("max_body_bytes")], message: "max_body_bytes must be at least 1024"))
        }
        if config.storage.queueCapacity < 1 {
            problems.append(Problem(path: [key("storage"), key("queue_capacity")], message: "queue_capacity must be at least 1"))
        }
        return problems
    }
}
