import StrataCore
import StrataRetrieval
import StrataStore

extension KnowledgeBase {
    /// Hybrid search as `principal`: the vector walk and the keyword query each apply the
    /// principal's ACL and the metadata filter while they search (not afterwards), and the
    /// two rankings are fused by reciprocal rank. Results are checked once more as they are
    /// read back; a chunk failing that check is dropped and logged, as it means a bug.
    public func search(_ request: SearchRequest, in collection: CollectionRecord,
                       as principal: Principal) async throws -> [SearchResult] {
        let query = request.query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else { throw StrataError.invalidField("query", "'query' must not be empty.") }
        guard (1...100).contains(request.k) else { throw StrataError.invalidField("k", "'k' must be between 1 and 100.") }
        let settings = CollectionSettings.from(collection.settings)
        let candidates = max(request.k * 4, 20)

        var vectorRanking: [Int64] = []
        if request.mode != .keyword {
            let index = try await indexes.index(for: collection)
            let embedder = try await embedder(named: collection.embedder)
            guard let vector = try await embedder.embed([query]).first else { return [] }
            do {
                vectorRanking = try index.search(vector, k: candidates, principal: principal, metadata: request.filter,
                                                 efSearch: request.efSearch).map { Int64($0.label) }
            } catch {
                throw StrataError.internalError("Vector search failed: \(error)")
            }
        }
        var keywordRanking: [Int64] = []
        if request.mode != .vector {
            keywordRanking = try await store.keywordSearch(collectionID: collection.id, query: query, readableBy: principal,
                                                           filter: request.filter, limit: candidates).map(\.label)
        }
        let fused = ReciprocalRankFusion(k: settings.rrfK).fuse(
            [vectorRanking, keywordRanking], weights: [settings.vectorWeight, settings.keywordWeight],
            limit: request.reranker == nil ? request.k : max(request.k * 3, 20))
        let records = try await store.chunks(labels: fused.map(\.id))
        let byLabel = Dictionary(records.map { ($0.label, $0) }, uniquingKeysWith: { a, _ in a })
        let vectorRank = Dictionary(vectorRanking.enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        let keywordRank = Dictionary(keywordRanking.enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        var results: [SearchResult] = []
        for item in fused {
            guard let chunk = byLabel[item.id] else { continue }  // deleted since the index synced
            guard chunk.collectionID == collection.id, chunk.access.permits(principal),
                  request.filter?.matches(chunk.metadata) ?? true
            else {
                logger.error("search returned a chunk the filter should have excluded; dropped",
                             metadata: ["collection": "\(collection.name)", "label": "\(chunk.label)"])
                continue
            }
            results.append(SearchResult(
                label: chunk.label, collection: collection.name, documentID: chunk.documentID, chunkID: chunk.chunkID,
                title: chunk.title, source: chunk.source, text: chunk.text, span: chunk.span, headings: chunk.headings,
                metadata: chunk.metadata, score: item.score, vectorRank: vectorRank[item.id], keywordRank: keywordRank[item.id]))
        }
        guard let reranker = request.reranker, !results.isEmpty else { return results }
        return await rerank(results, query: query, k: request.k, with: reranker)
    }

    private func rerank(_ results: [SearchResult], query: String, k: Int, with reranker: any Reranker) async -> [SearchResult] {
        do {
            let scores = try await reranker.scores(query: query, passages: results.map(\.text))
            guard scores.count == results.count else {
                throw StrataError.internalError("\(scores.count) scores for \(results.count) passages")
            }
            var scored = results
            for i in scored.indices { scored[i].rerankScore = scores[i] }
            // Stable: equal scores keep the fused order.
            let order = scored.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
            return order.prefix(k).map { scored[$0] }
        } catch {
            logger.warning("rerank failed; fused order kept", metadata: ["reranker": "\(reranker.name)", "error": "\(error)"])
            return Array(results.prefix(k))
        }
    }
}
