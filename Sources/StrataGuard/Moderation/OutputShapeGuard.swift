import Foundation

/// Checks the shape of a model's answer: length limits, JSON when the route promised JSON,
/// and canary strings planted in the system prompt whose appearance in output proves the
/// prompt leaked.
public struct OutputShapeGuard: Guard {
    public let name: String
    public var maxCharacters: Int?
    public var maxLines: Int?
    public var requireJSON: Bool
    public var canaries: [String]

    public init(name: String = "output_shape", maxCharacters: Int? = nil, maxLines: Int? = nil,
                requireJSON: Bool = false, canaries: [String] = []) {
        self.name = name
        self.maxCharacters = maxCharacters
        self.maxLines = maxLines
        self.requireJSON = requireJSON
        self.canaries = canaries.filter { !$0.isEmpty }
    }

    public func check(_ text: String, direction: GuardDirection) -> GuardVerdict {
        var problems: [GuardFinding] = []
        for canary in canaries where text.contains(canary) {
            problems.append(GuardFinding(kind: .promptInjection, span: nil, confidence: 1, detail: "canary-leaked"))
        }
        if !problems.isEmpty {
            return .block(reason: "response revealed protected instructions", findings: problems)
        }
        let length = text.unicodeScalars.count
        if let maxCharacters, length > maxCharacters {
            problems.append(GuardFinding(kind: .outputFormat, span: nil, confidence: 1, detail: "longer than \(maxCharacters) characters"))
        }
        if let maxLines {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
            if lines > maxLines {
                problems.append(GuardFinding(kind: .outputFormat, span: nil, confidence: 1, detail: "more than \(maxLines) lines"))
            }
        }
        if requireJSON, !Self.isJSON(text) {
            problems.append(GuardFinding(kind: .outputFormat, span: nil, confidence: 1, detail: "not valid JSON"))
        }
        guard !problems.isEmpty else { return .allow }
        return .block(reason: "response format: " + problems.map(\.detail).joined(separator: "; "), findings: problems)
    }

    static func isJSON(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = trimmed.data(using: .utf8), !data.isEmpty else { return false }
        return (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil
    }
}
