import Foundation
import Logging
import StrataCore
import StrataKnowledge
import StrataRetrieval
import StrataStore
import StrataTestSupport

/// A knowledge base over a fresh SQLite file in a temporary folder, embedding with the real
/// bundled model (loaded once per test process).
struct KnowledgeHarness {
    let directory: String
    let store: SQLiteStore
    let knowledge: KnowledgeBase

    static let model: Result<SentenceEmbedder, any Error> = Result {
        try SentenceEmbedder(modelDirectory: try BundledModels.requireEmbedder(), threads: 2)
    }

    static func embedders() throws -> EmbedderLookup {
        let model = try model.get()
        return { name in name == "all-minilm-l6-v2" ? BuiltinEmbedder(name: name, model: model) : nil }
    }

    static func make(directory: String? = nil) throws -> KnowledgeHarness {
        let directory = directory ?? NSTemporaryDirectory() + "strata-knowledge-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: directory + "/strata.sqlite")
        var logger = Logger(label: "knowledge-test")
        logger.logLevel = .critical
        let knowledge = KnowledgeBase(store: store, snapshotDirectory: directory + "/indexes", embedders: try embedders(),
                                      logger: logger)
        return KnowledgeHarness(directory: directory, store: store, knowledge: knowledge)
    }

    /// Another knowledge base over the same files, as after a restart.
    func reopened() throws -> KnowledgeHarness {
        try Self.make(directory: directory)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
