import Foundation
import XCTest
@testable import StrataKnowledge

/// Finds Tests/Fixtures/knowledge by walking up from this file (symlinks resolved, so it
/// works from the main package and from dev packages that link the test folder).
enum KnowledgeFixtures {
    static let directory: URL? = {
        var folder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("Tests/Fixtures/knowledge")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }()

    static func path(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let directory = try XCTUnwrap(directory, "Tests/Fixtures/knowledge not found above \(#filePath)", file: file, line: line)
        return directory.appendingPathComponent(name).path
    }
}

/// The `LoaderError` thrown by `body`, failing the test when it succeeds or throws
/// something else. (Closures do not infer typed throws, hence the cast.)
func loaderError<T>(
    file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T
) -> LoaderError? {
    do {
        _ = try body()
        XCTFail("expected a LoaderError", file: file, line: line)
        return nil
    } catch let error as LoaderError {
        return error
    } catch {
        XCTFail("expected a LoaderError, got \(error)", file: file, line: line)
        return nil
    }
}

/// Loads in-memory text as `format` with a fixed source name.
func loadText(_ text: String, _ format: DocumentFormat, source: String = "mem/doc") throws(LoaderError) -> [LoadedDocument] {
    try DocumentLoader.load(data: Data(text.utf8), format: format, source: source)
}
