import Foundation

/// Where the bundled models are (fetched by `make models`), found from this file's location.
public enum BundledModels {
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// The all-MiniLM-L6-v2 folder (`STRATA_EMBEDDING_MODEL_DIR` overrides).
    public static var embedderDirectory: String {
        ProcessInfo.processInfo.environment["STRATA_EMBEDDING_MODEL_DIR"]
            ?? repositoryRoot.appendingPathComponent("models/all-minilm-l6-v2").path
    }

    public struct Missing: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "bundled model missing at \(path): run `make models`" }
    }

    /// The embedder folder, or an error telling how to fetch it.
    public static func requireEmbedder() throws -> String {
        let dir = embedderDirectory
        guard FileManager.default.fileExists(atPath: dir + "/model.safetensors") else { throw Missing(path: dir) }
        return dir
    }
}
