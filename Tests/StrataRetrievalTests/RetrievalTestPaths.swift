import Foundation
import XCTest

/// Where the repository's models and fixtures are, found from this file's location (symlinks
/// resolved, so a dev package that links the test folder still finds the main checkout).
enum RetrievalTestPaths {
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Tests/Fixtures/retrieval").path) {
                return url
            }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    static var modelDirectory: String {
        ProcessInfo.processInfo.environment["STRATA_EMBEDDING_MODEL_DIR"]
            ?? repositoryRoot.appendingPathComponent("models/all-minilm-l6-v2").path
    }

    static func fixture(_ name: String) -> URL {
        repositoryRoot.appendingPathComponent("Tests/Fixtures/retrieval").appendingPathComponent(name)
    }

    /// Fails the test with the fix when the bundled model has not been fetched.
    static func requireModel(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let dir = modelDirectory
        guard FileManager.default.fileExists(atPath: dir + "/model.safetensors") else {
            XCTFail("embedding model missing at \(dir): run scripts/fetch-models.sh", file: file, line: line)
            throw XCTSkip("model missing")
        }
        return dir
    }
}
