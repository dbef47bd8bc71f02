/// Configuration of the output-shape guard.
public struct OutputPolicy: Sendable, Hashable, Codable {
    public var maxCharacters: Int?
    public var maxLines: Int?
    public var requireJSON: Bool
    /// Strings planted in the system prompt; seeing one in output means the prompt leaked.
    public var canaries: [String]

    public init(maxCharacters: Int? = nil, maxLines: Int? = nil, requireJSON: Bool = false, canaries: [String] = []) {
        self.maxCharacters = maxCharacters
        self.maxLines = maxLines
        self.requireJSON = requireJSON
        self.canaries = canaries
    }

    enum CodingKeys: String, CodingKey {
        case canaries
        case maxCharacters = "max_characters"
        case maxLines = "max_lines"
        case requireJSON = "require_json"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        maxCharacters = try c.decodeIfPresent(Int.self, forKey: .maxCharacters)
        maxLines = try c.decodeIfPresent(Int.self, forKey: .maxLines)
        requireJSON = try c.decodeIfPresent(Bool.self, forKey: .requireJSON) ?? false
        canaries = try c.decodeIfPresent([String].self, forKey: .canaries) ?? []
    }
}
