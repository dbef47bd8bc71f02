import Foundation
import StrataEngine
import StrataRetrieval

/// Loads each local model file once and keeps it: GGUF chat models and sentence embedders.
public actor LocalModelCache {
    private var models: [String: LocalModel] = [:]
    private var embedders: [String: SentenceEmbedder] = [:]
    let threads: Int

    public init(threads: Int = 2) {
        self.threads = threads
    }

    /// - Parameter exactBatching: see `DeploymentConfig.exactBatching`; each setting gets its own engine.
    public func chatModel(at path: String, exactBatching: Bool = true) throws -> LocalModel {
        let key = exactBatching ? path : path + "#tiled-batching"
        if let model = models[key] { return model }
        let model = try LocalModel(path: path, threads: threads, exactBatching: exactBatching)
        models[key] = model
        return model
    }

    /// The chat model at `path` if it is loaded (never loads it).
    public func loadedChatModel(at path: String) -> LocalModel? { models[path] }

    public func embedder(at path: String) throws -> SentenceEmbedder {
        if let embedder = embedders[path] { return embedder }
        let embedder = try SentenceEmbedder(modelDirectory: path, threads: threads)
        embedders[path] = embedder
        return embedder
    }

    /// Whether a path names an embedding model directory (safetensors) rather than a GGUF file.
    public nonisolated static func isEmbedderDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
