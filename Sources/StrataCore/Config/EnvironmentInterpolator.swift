/// Replaces `${NAME}` and `${NAME:-default}` in config text with environment values,
/// reporting each reference to an unset variable with its line.
public struct EnvironmentInterpolator: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    public func interpolate(_ text: String) -> (text: String, issues: [ConfigIssue]) {
        var output = ""
        var issues: [ConfigIssue] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { output += "\n" }
            output += interpolateLine(Substring(line), lineNumber: index + 1, issues: &issues)
        }
        return (output, issues)
    }

    private func interpolateLine(_ line: Substring, lineNumber: Int, issues: inout [ConfigIssue]) -> String {
        // A reference inside a YAML comment is not a reference.
        if line.drop(while: { $0 == " " }).hasPrefix("#") { return String(line) }
        var result = ""
        var rest = line
        while let start = rest.range(of: "${") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                result += rest[start.lowerBound...]
                return result
            }
            let body = rest[start.upperBound..<end]
            let name: Substring
            let fallback: Substring?
            if let separator = body.range(of: ":-") {
                name = body[..<separator.lowerBound]
                fallback = body[separator.upperBound...]
            } else {
                name = body
                fallback = nil
            }
            if let value = environment[String(name)], !value.isEmpty {
                result += value
            } else if let fallback {
                result += fallback
            } else {
                issues.append(ConfigIssue(
                    line: lineNumber, path: "",
                    message: "environment variable '\(name)' is not set (write ${\(name):-} to allow it to be empty)"))
            }
            rest = rest[rest.index(after: end)...]
        }
        result += rest
        return result
    }
}
