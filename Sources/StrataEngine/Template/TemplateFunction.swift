/// A built-in function or a bound method, called with positional and keyword arguments.
struct TemplateFunction {
    let name: String
    let call: ([TemplateValue], [String: TemplateValue]) throws(TemplateError) -> TemplateValue
}
