/// Parsed template statements.
indirect enum TemplateNode: Sendable {
    case text(String)
    case output(TemplateExpr)
    case ifBlock(branches: [(TemplateExpr, [TemplateNode])], otherwise: [TemplateNode])
    case forBlock(targets: [String], iterable: TemplateExpr, filter: TemplateExpr?, body: [TemplateNode], otherwise: [TemplateNode])
    case set(target: String, attribute: String?, value: TemplateExpr)
    case setBlock(target: String, body: [TemplateNode])
}

/// Parsed template expressions.
indirect enum TemplateExpr: Sendable {
    enum Literal: Sendable { case none, bool(Bool), int(Int), double(Double), string(String) }
    case literal(Literal)
    case variable(String)
    case list([TemplateExpr])
    case dict([(TemplateExpr, TemplateExpr)])
    case attribute(TemplateExpr, String)
    case subscriptAt(TemplateExpr, TemplateExpr)
    case slice(TemplateExpr, TemplateExpr?, TemplateExpr?, TemplateExpr?)
    case call(TemplateExpr, [TemplateExpr], [(String, TemplateExpr)])
    case filter(TemplateExpr, String, [TemplateExpr], [(String, TemplateExpr)])
    case test(TemplateExpr, String, negated: Bool, [TemplateExpr])
    case unary(String, TemplateExpr)
    case binary(String, TemplateExpr, TemplateExpr)
    case conditional(TemplateExpr, condition: TemplateExpr, otherwise: TemplateExpr?)
}
