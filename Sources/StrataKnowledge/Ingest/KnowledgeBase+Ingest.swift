import Foundation
import StrataCore
import StrataRetrieval
import StrataStore

extension KnowledgeBase {
    /// Chunks, embeds and stores documents. A document whose content hash is unchanged is
    /// skipped; a changed one has all its chunks replaced. The documents of one source are
    /// written in one transaction, so a search sees a file's old chunks or its new ones.
    ///
    /// - Parameter pruneSources: also delete stored documents of the same sources that are not
    ///   among `documents` (a file re-ingested with rows removed).
    public func ingest(_ documents: [IngestDocument], into collection: CollectionRecord, pruneSources: Bool = false,
                       progress: (@Sendable (IngestProgress) -> Void)? = nil) async throws -> IngestReport {
        let settings = CollectionSettings.from(collection.settings)
        let embedder = try await embedder(named: collection.embedder)
        let chunker = Chunker(maxTokens: settings.chunkTokens, overlapTokens: settings.chunkOverlap,
                              tokenCounter: { embedder.tokenCount($0) })
        var report = IngestReport()
        var state = IngestProgress(documentsDone: 0, documentsTotal: documents.count, chunksEmbedded: 0, chunksTotal: 0)
        try validate(documents)
        var bySource: [(source: String, documents: [IngestDocument])] = []
        var sourceIndex: [String: Int] = [:]
        for document in documents {
            if let i = sourceIndex[document.source] {
                bySource[i].documents.append(document)
            } else {
                sourceIndex[document.source] = bySource.count
                bySource.append((document.source, [document]))
            }
        }
        for group in bySource {
            let existing = try await store.documentHashes(collectionID: collection.id, ids: group.documents.map(\.id))
            var writes: [DocumentWrite] = []
            for document in group.documents {
                var access = document.access
                access.tenant = collection.tenant
                let hash = ContentHash.of(document, access: access, settings: settings, embedder: collection.embedder)
                if existing[document.id] == hash {
                    report.unchanged += 1
                    continue
                }
                let chunks = chunker.chunks(documentID: document.id, text: document.text)
                state.chunksTotal += chunks.count
                progress?(state)
                var vectors: [[Float]] = []
                for batch in stride(from: 0, to: chunks.count, by: 32) {
                    let slice = chunks[batch..<min(batch + 32, chunks.count)]
                    let embedded = try await embedder.embed(slice.map { Self.embeddingText($0, title: document.title) })
                    guard embedded.count == slice.count else {
                        throw StrataError.internalError("The embedder returned \(embedded.count) vectors for \(slice.count) chunks.")
                    }
                    if let wrong = embedded.first(where: { $0.count != collection.dimensions || !$0.allSatisfy(\.isFinite) }) {
                        throw StrataError(status: 502, type: "api_error", code: "embedder_mismatch",
                                          message: "The embedder '\(collection.embedder)' returned a vector of \(wrong.count) dimensions "
                                              + "(or with NaN); the collection '\(collection.name)' holds \(collection.dimensions).")
                    }
                    vectors += embedded
                    state.chunksEmbedded += slice.count
                    progress?(state)
                }
                if existing[document.id] == nil { report.added += 1 } else { report.replaced += 1 }
                report.chunks += chunks.count
                let record = DocumentRecord(collectionID: collection.id, id: document.id, source: document.source,
                                            title: document.title, metadata: document.metadata, access: access,
                                            contentHash: hash, chunkCount: chunks.count, updatedAt: time.now())
                writes.append(DocumentWrite(document: record, chunks: zip(chunks, vectors).map { chunk, vector in
                    NewChunk(chunkID: chunk.id, ordinal: chunk.ordinal, text: chunk.text, span: chunk.span,
                             headings: chunk.headings, vector: vector)
                }))
            }
            var deletes: [String] = []
            if pruneSources {
                let keep = Set(group.documents.map(\.id))
                deletes = try await store.documentIDs(collectionID: collection.id, source: group.source).filter { !keep.contains($0) }
            }
            if !writes.isEmpty || !deletes.isEmpty {
                do {
                    report.revision = try await store.applyDocumentChanges(collectionID: collection.id, writes: writes, deletes: deletes)
                } catch is CollectionNotFound {
                    throw StrataError.collectionNotFound(collection.name)
                }
                report.deleted += deletes.count
            }
            state.documentsDone += group.documents.count
            progress?(state)
        }
        logger.info("ingested", metadata: [
            "collection": "\(collection.name)", "added": "\(report.added)", "replaced": "\(report.replaced)",
            "unchanged": "\(report.unchanged)", "deleted": "\(report.deleted)", "chunks": "\(report.chunks)",
        ])
        return report
    }

    /// What the embedder sees: the chunk with its document title and headings, which often
    /// carry the words a question uses. The stored and cited text is the chunk alone.
    static func embeddingText(_ chunk: Chunk, title: String?) -> String {
        let context = ([title].compactMap { $0 } + chunk.headings).filter { !$0.isEmpty }
        guard !context.isEmpty else { return chunk.text }
        return context.joined(separator: " > ") + "\n" + chunk.text
    }

    private func validate(_ documents: [IngestDocument]) throws {
        var ids = Set<String>()
        for (i, document) in documents.enumerated() {
            if document.id.isEmpty || document.id.utf8.count > 512 {
                throw StrataError.invalidField("documents[\(i)].id", "Document ids are 1–512 bytes.")
            }
            if !ids.insert(document.id).inserted {
                throw StrataError.invalidField("documents[\(i)].id", "The document id '\(document.id)' appears twice.")
            }
        }
    }
}
