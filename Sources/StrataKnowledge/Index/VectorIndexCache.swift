import Foundation
import Logging
import StrataCore
import StrataRetrieval
import StrataStore

/// Keeps each collection's vector index in memory, in step with the store.
///
/// The store is the truth: vectors live in SQLite, and every change bumps the collection's
/// revision. Before a search the cache compares revisions and, when they differ, loads the
/// chunks added since (labels only grow) and drops the ones deleted. So writes by another
/// process (`strata ingest`, another instance) show up on the next search. A graph snapshot
/// per collection (`<directory>/<id>.hnsw`) spares the rebuild on start; a missing or
/// unreadable snapshot means a rebuild from the stored vectors, never wrong results.
actor VectorIndexCache {
    let store: SQLiteStore
    let directory: String?
    let logger: Logger
    private var indexes: [String: CollectionIndex] = [:]
    private var syncing: [String: Task<CollectionIndex, any Error>] = [:]
    private var dirty: Set<String> = []
    /// Bumped when a collection is dropped, so a sync that was running cannot bring it back.
    private var generation: [String: Int] = [:]

    init(store: SQLiteStore, directory: String?, logger: Logger) {
        self.store = store
        self.directory = directory
        self.logger = logger
    }

    /// The collection's index as of the store's current revision.
    func index(for collection: CollectionRecord) async throws -> CollectionIndex {
        if let running = syncing[collection.id] { return try await running.value }
        let task = Task { try await self.sync(collection) }
        syncing[collection.id] = task
        defer { syncing[collection.id] = nil }
        return try await task.value
    }

    private func sync(_ collection: CollectionRecord) async throws -> CollectionIndex {
        let startedGeneration = generation[collection.id, default: 0]
        guard let revision = try await store.collectionRevision(id: collection.id) else {
            indexes[collection.id] = nil
            throw StrataError.collectionNotFound(collection.name)
        }
        var index = indexes[collection.id] ?? loadSnapshot(collection) ?? Self.empty(collection)
        if index.revision == revision { return index }
        let started = ContinuousClock.now
        var added = 0
        while true {
            let page = try await store.indexableChunks(collectionID: collection.id, after: index.maxLabel, limit: 2000)
            for chunk in page {
                do {
                    try index.add(chunk)
                    added += 1
                } catch {
                    logger.error("chunk not indexed", metadata: ["collection": "\(collection.name)", "label": "\(chunk.label)",
                                                               "error": "\(error)"])
                }
            }
            if page.count < 2000 { break }
        }
        let live = Set(try await store.chunkLabels(collectionID: collection.id).map(Int.init))
        let gone = index.labels.subtracting(live)
        for label in gone { index.remove(label) }
        // Labels in a snapshot's graph that the store no longer has (deleted while we were down).
        for label in index.hnsw.liveLabels where !live.contains(label) { index.remove(label) }
        index.revision = revision
        guard generation[collection.id, default: 0] == startedGeneration else {
            throw StrataError.collectionNotFound(collection.name)  // dropped while this sync ran
        }
        indexes[collection.id] = index
        dirty.insert(collection.id)
        if added + gone.count > 0 {
            logger.debug("index synced", metadata: [
                "collection": "\(collection.name)", "added": "\(added)", "removed": "\(gone.count)",
                "chunks": "\(index.count)", "ms": "\((ContinuousClock.now - started).milliseconds)",
            ])
        }
        return index
    }

    static func empty(_ collection: CollectionRecord) -> CollectionIndex {
        let settings = CollectionSettings.from(collection.settings)
        return CollectionIndex(hnsw: HNSWIndex(dimensions: collection.dimensions, metric: settings.vectorMetric ?? .cosine,
                                               parameters: settings.hnswParameters))
    }

    private func snapshotPath(_ collectionID: String) -> String? {
        directory.map { "\($0)/\(collectionID).hnsw" }
    }

    /// The graph from the snapshot file; its chunks' ACLs and metadata come from the store on sync.
    private func loadSnapshot(_ collection: CollectionRecord) -> CollectionIndex? {
        guard let path = snapshotPath(collection.id), FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let hnsw = try HNSWIndex(contentsOf: path)
            guard hnsw.dimensions == collection.dimensions else {
                logger.warning("index snapshot has other dimensions; rebuilding", metadata: ["path": "\(path)"])
                return nil
            }
            return CollectionIndex(hnsw: hnsw)
        } catch {
            logger.warning("index snapshot unusable; rebuilding from stored vectors", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// Writes snapshots of the indexes changed since the last save.
    func saveSnapshots() {
        guard let directory else { return }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for id in dirty {
            guard let index = indexes[id], let path = snapshotPath(id) else { continue }
            do {
                try index.hnsw.save(to: path)
            } catch {
                logger.error("index snapshot not saved", metadata: ["error": "\(error)"])
            }
        }
        dirty.removeAll()
    }

    /// Forgets a deleted collection and its snapshot.
    func drop(_ collectionID: String) {
        generation[collectionID, default: 0] += 1
        indexes[collectionID] = nil
        dirty.remove(collectionID)
        if let path = snapshotPath(collectionID) { try? FileManager.default.removeItem(atPath: path) }
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
