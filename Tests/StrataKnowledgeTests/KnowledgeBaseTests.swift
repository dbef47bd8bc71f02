import Foundation
import StrataCore
import StrataKnowledge
import StrataStore
import XCTest

final class KnowledgeBaseTests: XCTestCase {
    var harness: KnowledgeHarness!

    override func setUp() async throws {
        harness = try KnowledgeHarness.make()
    }

    override func tearDown() async throws {
        harness.remove()
    }

    var knowledge: KnowledgeBase { harness.knowledge }

    static let handbook = """
        # Handbook

        ## Refunds
        Annual subscriptions can be refunded within thirty days of purchase.

        ## Passwords
        To reset your password, open the login page and choose "forgot password".

        ## Shipping
        Orders ship within two business days from our warehouse in Rotterdam.
        """

    func testCollectionsAreCreatedListedAndDeletedPerTenant() async throws {
        let a = try await knowledge.createCollection(name: "handbook", tenant: "acme", embedder: "all-minilm-l6-v2")
        XCTAssertEqual(a.dimensions, 384)
        _ = try await knowledge.createCollection(name: "handbook", tenant: "globex", embedder: "all-minilm-l6-v2")
        do {
            _ = try await knowledge.createCollection(name: "handbook", tenant: "acme", embedder: "all-minilm-l6-v2")
            XCTFail("duplicate name accepted")
        } catch let error as StrataError {
            XCTAssertEqual(error.code, "collection_exists")
            XCTAssertEqual(error.status, 409)
        }
        do {
            _ = try await knowledge.createCollection(name: "x", tenant: "acme", embedder: "nope")
            XCTFail("unknown embedder accepted")
        } catch let error as StrataError {
            XCTAssertEqual(error.code, "embedder_not_found")
        }
        do {
            _ = try await knowledge.createCollection(name: "../etc", tenant: "acme", embedder: "all-minilm-l6-v2")
            XCTFail("bad name accepted")
        } catch let error as StrataError {
            XCTAssertEqual(error.param, "name")
        }
        var settings = CollectionSettings()
        settings.chunkTokens = 5000
        do {
            _ = try await knowledge.createCollection(name: "big", tenant: "acme", embedder: "all-minilm-l6-v2", settings: settings)
            XCTFail("oversize chunks accepted")
        } catch let error as StrataError {
            XCTAssertTrue(error.message.contains("chunk_tokens"), error.message)
        }
        let acme = try await knowledge.collections(tenant: "acme")
        XCTAssertEqual(acme.map(\.collection.name), ["handbook"])
        let all = try await knowledge.collections(tenant: nil)
        XCTAssertEqual(all.count, 2)
        try await knowledge.deleteCollection(a)
        let left = try await knowledge.collections(tenant: "acme")
        XCTAssertEqual(left.count, 0)
        do {
            _ = try await knowledge.collection(named: "handbook", tenant: "acme")
            XCTFail("deleted collection found")
        } catch let error as StrataError {
            XCTAssertEqual(error.code, "collection_not_found")
        }
    }

    func testIngestIsIdempotentAndAChangedDocumentReplacesItsChunks() async throws {
        let collection = try await knowledge.createCollection(name: "kb", tenant: "", embedder: "all-minilm-l6-v2")
        let doc = IngestDocument(id: "handbook.md", title: "Handbook", text: Self.handbook)
        let first = try await knowledge.ingest([doc], into: collection)
        XCTAssertEqual(first.added, 1)
        XCTAssertGreaterThanOrEqual(first.chunks, 1)
        let again = try await knowledge.ingest([doc], into: collection)
        XCTAssertEqual(again.unchanged, 1)
        XCTAssertEqual(again.added + again.replaced, 0)
        let revision = try await harness.store.collectionRevision(id: collection.id)
        XCTAssertEqual(revision, first.revision, "an unchanged re-ingest must not write")

        var changed = doc
        changed.text = Self.handbook.replacingOccurrences(of: "Rotterdam", with: "Lisbon")
        let third = try await knowledge.ingest([changed], into: collection)
        XCTAssertEqual(third.replaced, 1)
        let found = try await knowledge.search(SearchRequest(query: "Where is the warehouse?", k: 3, mode: .keyword),
                                               in: collection, as: .admin)
        XCTAssertTrue(found.contains { $0.text.contains("Lisbon") })
        XCTAssertFalse(found.contains { $0.text.contains("Rotterdam") })
        let stored = try await harness.store.chunkLabels(collectionID: collection.id)
        XCTAssertEqual(stored.count, third.chunks, "old chunks are gone")
    }

    func testPruningASourceDeletesItsRemovedDocuments() async throws {
        let collection = try await knowledge.createCollection(name: "rows", tenant: "", embedder: "all-minilm-l6-v2")
        let rows = (1...3).map { IngestDocument(id: "people.csv#row-\($0)", source: "people.csv", text: "Person number \($0)") }
        _ = try await knowledge.ingest(rows, into: collection, pruneSources: true)
        let report = try await knowledge.ingest(Array(rows.prefix(2)), into: collection, pruneSources: true)
        XCTAssertEqual(report.unchanged, 2)
        XCTAssertEqual(report.deleted, 1)
        let docs = try await knowledge.documents(in: collection, readableBy: .admin, after: nil, limit: 10)
        XCTAssertEqual(docs.map(\.id), ["people.csv#row-1", "people.csv#row-2"])
    }

    func testHybridSearchFindsParaphrasesAndExactTerms() async throws {
        let collection = try await knowledge.createCollection(name: "kb", tenant: "", embedder: "all-minilm-l6-v2")
        var settings = CollectionSettings()
        settings.chunkTokens = 40
        settings.chunkOverlap = 0
        let small = try await knowledge.createCollection(name: "small", tenant: "", embedder: "all-minilm-l6-v2", settings: settings)
        for c in [collection, small] {
            _ = try await knowledge.ingest([IngestDocument(id: "handbook.md", title: "Handbook", text: Self.handbook)], into: c)
        }
        let paraphrase = try await knowledge.search(SearchRequest(query: "I forgot my login credentials", k: 1, mode: .vector),
                                                    in: small, as: .admin)
        XCTAssertEqual(paraphrase.first?.headings.last, "Passwords")
        XCTAssertEqual(paraphrase.first?.vectorRank, 1)
        let exact = try await knowledge.search(SearchRequest(query: "Rotterdam", k: 1, mode: .keyword), in: small, as: .admin)
        XCTAssertEqual(exact.first?.headings.last, "Shipping")
        let hybrid = try await knowledge.search(SearchRequest(query: "money back on a yearly plan", k: 2), in: small, as: .admin)
        XCTAssertEqual(hybrid.first?.headings.last, "Refunds")
        let result = try XCTUnwrap(hybrid.first)
        let bytes = Array(Self.handbook.utf8)
        XCTAssertEqual(String(decoding: bytes[result.span], as: UTF8.self), result.text, "span points at the chunk")
        do {
            _ = try await knowledge.search(SearchRequest(query: "  ", k: 1), in: small, as: .admin)
            XCTFail("empty query accepted")
        } catch let error as StrataError {
            XCTAssertEqual(error.param, "query")
        }
    }

    func testMetadataFilterAppliesToBothRankings() async throws {
        let collection = try await knowledge.createCollection(name: "reports", tenant: "", embedder: "all-minilm-l6-v2")
        let docs = (2019...2025).map { year in
            IngestDocument(id: "report-\(year)", title: "Annual report \(year)",
                           text: "The annual report on revenue and growth for the year \(year).",
                           metadata: ["year": .number(Double(year)), "public": .bool(year % 2 == 0)])
        }
        _ = try await knowledge.ingest(docs, into: collection)
        let filter = try MetadataFilter(json: .object(["year": .object(["$gte": .number(2023)])]))
        for mode in SearchMode.allCases {
            let found = try await knowledge.search(SearchRequest(query: "annual revenue report", k: 10, filter: filter, mode: mode),
                                                   in: collection, as: .admin)
            XCTAssertEqual(Set(found.map(\.documentID)), ["report-2023", "report-2024", "report-2025"], "\(mode)")
        }
    }

    func testIndexSurvivesRestartAndSeesChangesMadeWhileDown() async throws {
        let collection = try await knowledge.createCollection(name: "kb", tenant: "", embedder: "all-minilm-l6-v2")
        let docs = (0..<30).map { IngestDocument(id: "doc-\($0)", text: "Document number \($0) talks about topic \($0 % 5).") }
        _ = try await knowledge.ingest(docs, into: collection)
        let query = SearchRequest(query: "topic 3", k: 5, mode: .vector)
        let before = try await knowledge.search(query, in: collection, as: .admin)
        await knowledge.saveSnapshots()
        let snapshot = harness.directory + "/indexes/\(collection.id).hnsw"
        XCTAssertTrue(FileManager.default.fileExists(atPath: snapshot))

        // Changes written while no server had the index loaded (another process, say).
        let offline = try harness.reopened()
        _ = try await offline.store.applyDocumentChanges(collectionID: collection.id, writes: [], deletes: ["doc-3"])

        let restarted = try harness.reopened()
        let after = try await restarted.knowledge.search(query, in: collection, as: .admin)
        XCTAssertFalse(after.contains { $0.documentID == "doc-3" })
        XCTAssertEqual(Array(after.map(\.documentID).prefix(4)), Array(before.map(\.documentID).filter { $0 != "doc-3" }.prefix(4)))

        // A corrupt snapshot is rebuilt from the stored vectors.
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: snapshot))
        let rebuilt = try harness.reopened()
        let again = try await rebuilt.knowledge.search(query, in: collection, as: .admin)
        XCTAssertEqual(again.map(\.documentID), after.map(\.documentID))
    }
}
