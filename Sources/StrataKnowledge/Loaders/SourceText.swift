import Foundation

/// Turns file bytes into text the loaders can trust: UTF-8 only, no NUL bytes, no byte-order
/// mark, and `\n` line endings (so line counting and splitting agree everywhere).
enum SourceText {
    static func decode(_ data: Data, source: String) throws(LoaderError) -> String {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.contains(0) {
            throw LoaderError(source: source, message: "binary file: contains NUL bytes, expected UTF-8 text")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LoaderError(source: source, message: "binary file: not valid UTF-8 text")
        }
        return normalizingLineEndings(text)
    }

    static func normalizingLineEndings(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\r")) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
