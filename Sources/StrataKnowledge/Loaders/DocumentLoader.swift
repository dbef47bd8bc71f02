import Foundation

/// Turns a file, or bytes of a known format, into documents for ingestion. Empty documents
/// (whitespace only) are skipped; a file that yields none is an error.
public enum DocumentLoader {
    /// Picks the format from the extension. `environment` supplies the `PATH` used to find
    /// `pdftotext` (and the environment it runs with).
    public static func load(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(LoaderError) -> [LoadedDocument] {
        let pathExtension = URL(fileURLWithPath: path).pathExtension
        guard let format = DocumentFormat(pathExtension: pathExtension) else {
            let supported = DocumentFormat.pathExtensions.map { ".\($0)" }.joined(separator: ", ")
            let what = pathExtension.isEmpty ? "file has no extension" : "unsupported file type \".\(pathExtension)\""
            throw LoaderError(source: path, message: "\(what); supported: \(supported)")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw LoaderError(source: path, message: "file not found")
        }
        guard !isDirectory.boolValue else {
            throw LoaderError(source: path, message: "is a directory, not a file")
        }
        if format == .pdf {
            return try nonEmpty(PDFLoader(environment: environment).load(fileAt: path, source: path), source: path)
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw LoaderError(source: path, message: "cannot read file: \(error.localizedDescription)")
        }
        return try load(data: data, format: format, source: path, environment: environment)
    }

    /// `source` names the documents (ids, error messages); it is not read.
    public static func load(
        data: Data, format: DocumentFormat, source: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(LoaderError) -> [LoadedDocument] {
        let documents: [LoadedDocument] = switch format {
        case .text: try PlainTextLoader.load(data: data, source: source)
        case .markdown: try MarkdownLoader.load(data: data, source: source)
        case .html: try HTMLLoader.load(data: data, source: source)
        case .json: try JSONLoader.load(data: data, source: source)
        case .jsonl: try JSONLinesLoader.load(data: data, source: source)
        case .csv: try CSVLoader.load(data: data, source: source)
        case .pdf: try PDFLoader(environment: environment).load(data: data, source: source)
        }
        return try nonEmpty(documents, source: source)
    }

    private static func nonEmpty(_ documents: [LoadedDocument], source: String) throws(LoaderError) -> [LoadedDocument] {
        let kept = documents.filter { !$0.text.allSatisfy(\.isWhitespace) }
        guard !kept.isEmpty else { throw LoaderError(source: source, message: "no text found") }
        return kept
    }
}
