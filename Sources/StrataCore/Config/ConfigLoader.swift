import Foundation
import Yams

/// Reads `strata.yaml`: interpolates `${ENV}`, parses YAML, decodes, validates, and reports
/// every problem with its line number.
public struct ConfigLoader: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func load(file: String) throws -> StrataConfig {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ConfigError(file: file, issues: [ConfigIssue(line: nil, path: "", message: "cannot read the file: \(error.localizedDescription)")])
        }
        return try parse(text, file: file)
    }

    public func parse(_ text: String, file: String = "strata.yaml") throws -> StrataConfig {
        let (interpolated, envIssues) = EnvironmentInterpolator(environment: environment).interpolate(text)
        guard envIssues.isEmpty else { throw ConfigError(file: file, issues: envIssues) }

        let root: Node
        do {
            guard let node = try Yams.compose(yaml: interpolated) else { return StrataConfig() }
            root = node
        } catch let error as YamlError {
            throw ConfigError(file: file, issues: [Self.issue(from: error)])
        }
        if case .scalar(let scalar) = root, scalar.string.isEmpty { return StrataConfig() }

        let config: StrataConfig
        do {
            config = try YAMLDecoder().decode(StrataConfig.self, from: root)
        } catch let error as DecodingError {
            throw ConfigError(file: file, issues: [Self.issue(from: error, root: root)])
        }
        let problems = ConfigValidator().validate(config)
        if !problems.isEmpty {
            throw ConfigError(file: file, issues: problems.map { problem in
                ConfigIssue(line: NodeLocator(root: root).line(of: problem.path), path: Self.render(problem.path),
                            message: problem.message)
            })
        }
        return config
    }

    static func issue(from error: YamlError) -> ConfigIssue {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return ConfigIssue(line: mark.line, path: "", message: "YAML syntax error: \(problem)")
        default:
            return ConfigIssue(line: nil, path: "", message: "YAML error: \(error)")
        }
    }

    static func issue(from error: DecodingError, root: Node) -> ConfigIssue {
        let locator = NodeLocator(root: root)
        switch error {
        case .typeMismatch(let type, let context):
            return ConfigIssue(line: locator.line(of: context.codingPath), path: render(context.codingPath),
                               message: "expected \(describe(type)): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return ConfigIssue(line: locator.line(of: context.codingPath), path: render(context.codingPath),
                               message: "expected \(describe(type)), found nothing")
        case .keyNotFound(let key, let context):
            return ConfigIssue(line: locator.line(of: context.codingPath), path: render(context.codingPath),
                               message: "missing required key '\(key.stringValue)'")
        case .dataCorrupted(let context):
            return ConfigIssue(line: locator.line(of: context.codingPath), path: render(context.codingPath),
                               message: context.debugDescription)
        @unknown default:
            return ConfigIssue(line: nil, path: "", message: "\(error)")
        }
    }

    static func describe(_ type: Any.Type) -> String { DecodingErrorText.expected(type) }

    static func render(_ path: [any CodingKey]) -> String { DecodingErrorText.path(path) }
}

/// Finds the line of the YAML node at a coding path (1-based).
struct NodeLocator {
    var root: Node

    func line(of path: [any CodingKey]) -> Int? {
        var node = root
        var best = root.mark?.line
        for key in path {
            switch node {
            case .mapping(let mapping):
                guard let pair = mapping.first(where: { $0.key.string == key.stringValue }) else { return best }
                best = pair.key.mark?.line ?? best
                node = pair.value
            case .sequence(let sequence):
                guard let index = key.intValue, sequence.indices.contains(index) else { return best }
                node = sequence[index]
                best = node.mark?.line ?? best
            default:
                return best
            }
        }
        return best
    }
}
