extension JSONSchemaGrammar {
    /// Why a schema cannot be used for constrained decoding; the server answers 400 with it.
    /// `keyword` and `path` (a JSON pointer to the keyword) are empty when the text is not valid JSON.
    public struct Unsupported: Error, Sendable, Hashable, CustomStringConvertible {
        public let keyword: String
        public let path: String
        public let message: String

        public init(keyword: String, path: String, message: String) {
            self.keyword = keyword
            self.path = path
            self.message = message
        }

        public var description: String {
            keyword.isEmpty ? message : "Unsupported JSON schema at \(path): \(message)"
        }
    }
}
