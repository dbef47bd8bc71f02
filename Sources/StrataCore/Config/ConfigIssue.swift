/// One problem found in a config file, with the line it is on when known.
public struct ConfigIssue: Sendable, Hashable, CustomStringConvertible {
    public var line: Int?
    public var path: String
    public var message: String

    public init(line: Int?, path: String, message: String) {
        self.line = line
        self.path = path
        self.message = message
    }

    public var description: String {
        let location = line.map { "line \($0)" } ?? "?"
        return path.isEmpty ? "\(location): \(message)" : "\(location): \(path): \(message)"
    }
}

/// A config file that cannot be used, with every problem found in it.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var issues: [ConfigIssue]

    public init(file: String, issues: [ConfigIssue]) {
        self.file = file
        self.issues = issues
    }

    public var description: String {
        issues.map { issue in
            let line = issue.line.map { ":\($0)" } ?? ""
            let path = issue.path.isEmpty ? "" : " \(issue.path):"
            return "\(file)\(line):\(path) \(issue.message)"
        }.joined(separator: "\n")
    }
}
