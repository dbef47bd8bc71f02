/// A model's chat template (a Jinja subset: for/if/elif/else/set, filters, tests, loop
/// variables, namespaces, string methods), parsed once and rendered per request.
public struct ChatTemplate: Sendable {
    public let source: String
    let nodes: [TemplateNode]

    public init(_ source: String) throws(TemplateError) {
        self.source = source
        var parser = try TemplateParser(source)
        nodes = try parser.parse()
    }

    public func render(messages: [ChatTurn], addGenerationPrompt: Bool, bosToken: String = "", eosToken: String = "",
                       extra: [String: String] = [:]) throws(TemplateError) -> String {
        var globals: [String: TemplateValue] = [
            "messages": .array(messages.map { m in
                var d = TemplateDict()
                d["role"] = .string(m.role)
                d["content"] = .string(m.content)
                return .dict(d)
            }),
            "add_generation_prompt": .bool(addGenerationPrompt),
            "bos_token": .string(bosToken),
            "eos_token": .string(eosToken),
        ]
        for (k, v) in extra { globals[k] = .string(v) }
        return try TemplateInterpreter(globals: globals).render(nodes)
    }
}
