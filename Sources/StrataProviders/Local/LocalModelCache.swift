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
    public func chatModel(at path: String, exactBatching: Bool = true, kvCacheMemory: Int = 512 << 20) throws -> LocalModel {
        let key = Self.key(path, exactBatching, kvCacheMemory)
        if let model = models[key] { return model }
        let model = try LocalModel(path: path, threads: threads, kvCacheBytes: kvCacheMemory, exactBatching: exactBatching)
        models[key] = model
        return model
    }

    /// The chat model at `path` with these settings, if it is loaded (never loads it).
    public func loadedChatModel(at path: String, exactBatching: Bool = true, kvCacheMemory: Int = 512 << 20) -> LocalModel? {
        models[Self.key(path, exactBatching, kvCacheMemory)]
    }

    /// One engine per file and engine settings.
    private static func key(_ path: String, _ exactBatching: Bool, _ kvCacheMemory: Int) -> String {
        "\(path)#\(exactBatching ? "exact" : "tiled")#\(kvCacheMemory)"
    }

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
