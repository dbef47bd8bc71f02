import Foundation
import StrataCore

/// PDF through poppler's `pdftotext` (layout mode, UTF-8): one document, titled by its first
/// line, with `pages` in the metadata. The tool runs with a time limit so one pathological
/// file cannot stall ingestion.
struct PDFLoader {
    static let missingToolMessage = "PDF needs pdftotext from poppler-utils (apt-get install poppler-utils)"

    var environment: [String: String]
    var timeout: Duration = .seconds(30)

    func load(fileAt path: String, source: String) throws(LoaderError) -> [LoadedDocument] {
        let tool = try pdftotext(source: source)
        let result: BoundedProcess.Output
        do {
            result = try BoundedProcess.run(
                executable: tool, arguments: ["-layout", "-enc", "UTF-8", path, "-"],
                environment: environment, timeout: timeout
            )
        } catch {
            switch error {
            case .timedOut:
                throw LoaderError(source: source, message: "pdftotext did not finish within \(Self.seconds(timeout)) s")
            case .launchFailed(let reason):
                throw LoaderError(source: source, message: "could not run pdftotext: \(reason)")
            }
        }
        guard result.status == 0 else {
            let detail = String(decoding: result.standardError, as: UTF8.self)
                .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                .joined(separator: "; ")
            let suffix = detail.isEmpty ? "" : ": \(detail.prefix(300))"
            throw LoaderError(source: source, message: "pdftotext failed (exit \(result.status))\(suffix)")
        }
        return [Self.document(fromPdftotext: String(decoding: result.standardOutput, as: UTF8.self), source: source)]
    }

    /// Writes the bytes to a temporary file for `pdftotext` and removes it afterwards.
    func load(data: Data, source: String) throws(LoaderError) -> [LoadedDocument] {
        _ = try pdftotext(source: source)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("strata-\(UUID().uuidString).pdf")
        do {
            try data.write(to: file)
        } catch {
            throw LoaderError(source: source, message: "cannot write a temporary file for pdftotext: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: file) }
        return try load(fileAt: file.path, source: source)
    }

    private func pdftotext(source: String) throws(LoaderError) -> String {
        guard let path = ExecutableLookup.find("pdftotext", environment: environment) else {
            throw LoaderError(source: source, message: Self.missingToolMessage)
        }
        return path
    }

    /// `30`, `0.5`: the limit as written in messages.
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) + Double(attoseconds) / 1e18
        return value.rounded() == value ? String(Int64(value)) : String(value)
    }

    /// pdftotext ends every page with a form feed; pages are joined by a blank line and
    /// trailing spaces left by the layout mode are trimmed.
    static func document(fromPdftotext output: String, source: String) -> LoadedDocument {
        var pages = SourceText.normalizingLineEndings(output)
            .split(separator: "\u{0C}", omittingEmptySubsequences: false)
        if let last = pages.last, last.allSatisfy(\.isWhitespace) { pages.removeLast() }
        let text = pages
            .map { page in
                page.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.trimmingTrailingWhitespace() }
                    .joined(separator: "\n")
                    .trimmingCharacters(in: .newlines)
            }
            .filter { !$0.isEmpty }
            .joined(separator: "\n\n")
        return LoadedDocument(
            id: source, source: source, title: DocumentTitle.firstLine(of: text), text: text,
            metadata: ["pages": .number(Double(pages.count))], format: .pdf
        )
    }
}
