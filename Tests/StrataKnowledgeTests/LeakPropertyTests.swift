import Foundation
import StrataCore
import StrataKnowledge
@testable import StrataRetrieval
import StrataStore
import XCTest

/// Random ACLs, principals, queries and filters, checked against a brute-force oracle: no
/// search mode ever returns a chunk its principal may not read, and filtered vector search
/// still returns k results whenever k readable chunks exist.
final class LeakPropertyTests: XCTestCase {
    /// The index's own seeded generator, with the draws these tests need.
    struct Rng {
        var generator: SplitMix64
        init(state: UInt64) { generator = SplitMix64(state: state) }
        mutating func next() -> UInt64 { generator.next() }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func subset(_ items: [String], max: Int) -> [String] {
            let count = int(max + 1)
            return Array(Set((0..<count).map { _ in items[int(items.count)] })).sorted()
        }
    }

    static let users = ["ann", "bob", "cid", "dee"]
    static let groups = ["eng", "sales", "legal"]
    static let labels = ["confidential", "secret"]
    static let words = ["invoice", "contract", "salary", "roadmap", "incident", "budget", "hiring", "launch",
                        "security", "audit", "pricing", "vendor"]

    func testNoSearchEverReturnsAnUnreadableChunk() async throws {
        let harness = try KnowledgeHarness.make()
        defer { harness.remove() }
        let knowledge = harness.knowledge
        var rng = Rng(state: 42)
        let collection = try await knowledge.createCollection(name: "shared", tenant: "t1", embedder: "all-minilm-l6-v2")
        var documents: [IngestDocument] = []
        for i in 0..<80 {
            let text = (0..<6).map { _ in Self.words[rng.int(Self.words.count)] }.joined(separator: " ")
            let access = AccessControl(owners: rng.subset(Self.users, max: 1), groups: rng.subset(Self.groups, max: 2),
                                       labels: rng.int(3) == 0 ? [Self.labels[rng.int(2)]] : [])
            documents.append(IngestDocument(id: "doc-\(i)", text: "Memo \(i): \(text).",
                                            metadata: ["rank": .number(Double(rng.int(10)))], access: access))
        }
        _ = try await knowledge.ingest(documents, into: collection)
        let stored = try await knowledge.documents(in: collection, readableBy: .admin, after: nil, limit: 1000)
        let aclOf = Dictionary(uniqueKeysWithValues: stored.map { ($0.id, $0.access) })
        let rankOf = Dictionary(uniqueKeysWithValues: documents.map { ($0.id, $0.metadata) })
        XCTAssertEqual(aclOf.count, 80)

        var checked = 0
        for round in 0..<40 {
            let principal = Principal(tenant: rng.int(5) == 0 ? "t2" : "t1",
                                      user: rng.int(4) == 0 ? nil : Self.users[rng.int(Self.users.count)],
                                      groups: Set(rng.subset(Self.groups, max: 2)), clearances: Set(rng.subset(Self.labels, max: 1)))
            let filter: MetadataFilter? = round % 3 == 0
                ? try MetadataFilter(json: .object(["rank": .object(["$lt": .number(Double(rng.int(10)))])])) : nil
            let oracle = Set(aclOf.filter { id, acl in
                acl.permits(principal) && (filter?.matches(rankOf[id] ?? [:]) ?? true)
            }.keys)
            let query = "\(Self.words[rng.int(Self.words.count)]) \(Self.words[rng.int(Self.words.count)])"
            for mode in SearchMode.allCases {
                let results = try await knowledge.search(SearchRequest(query: query, k: 10, filter: filter, mode: mode),
                                                         in: collection, as: principal)
                let leaked = results.filter { !oracle.contains($0.documentID) }
                XCTAssertTrue(leaked.isEmpty, "round \(round) \(mode): \(principal) got \(leaked.map(\.documentID))")
                if mode == .vector {
                    XCTAssertEqual(results.count, min(10, oracle.count), "round \(round): filtered vector search must fill k")
                }
                checked += results.count
            }
        }
        XCTAssertGreaterThan(checked, 100, "the rounds must actually return results")

        // The SQL access check on its own (the search re-checks results in memory, which would
        // hide a SQL mistake): every document says "Memo", so the keyword query must return
        // exactly the readable ones.
        for round in 0..<60 {
            let principal = Principal(tenant: rng.int(5) == 0 ? "t2" : "t1",
                                      user: rng.int(4) == 0 ? nil : Self.users[rng.int(Self.users.count)],
                                      groups: Set(rng.subset(Self.groups, max: 2)), clearances: Set(rng.subset(Self.labels, max: 2)))
            let oracle = Set(aclOf.filter { $0.value.permits(principal) }.keys)
            let matches = try await harness.store.keywordSearch(collectionID: collection.id, query: "memo", readableBy: principal,
                                                                filter: nil, limit: 1000)
            let found = Set(try await harness.store.chunks(labels: matches.map(\.label)).map(\.documentID))
            XCTAssertEqual(found, oracle, "round \(round): \(principal)")
        }
    }

    /// The SQL form of a metadata filter (used inside the keyword query) agrees with the
    /// in-memory form (used inside the vector walk) on random filters and documents.
    func testSQLAndInMemoryFiltersAgree() async throws {
        let harness = try KnowledgeHarness.make()
        defer { harness.remove() }
        var rng = Rng(state: 7)
        let collection = try await harness.knowledge.createCollection(name: "meta", tenant: "", embedder: "all-minilm-l6-v2")
        func randomValue() -> JSONValue? {
            switch rng.int(6) {
            case 0: return nil
            case 1: return .number(Double(rng.int(5)))
            case 2: return .string(["a", "b", "c", "B"][rng.int(4)])
            case 3: return .bool(rng.int(2) == 0)
            case 4: return .null
            default: return .object(["x": .number(Double(rng.int(3)))])
            }
        }
        var documents: [IngestDocument] = []
        for i in 0..<60 {
            var metadata: [String: JSONValue] = [:]
            for field in ["f", "g"] { if let v = randomValue() { metadata[field] = v } }
            documents.append(IngestDocument(id: "d\(i)", text: "common text \(i)", metadata: metadata))
        }
        _ = try await harness.knowledge.ingest(documents, into: collection)
        func randomScalar() -> JSONValue {
            switch rng.int(4) {
            case 0: return .number(Double(rng.int(5)))
            case 1: return .string(["a", "b", "c", "B"][rng.int(4)])
            case 2: return .bool(rng.int(2) == 0)
            default: return .null
            }
        }
        func randomCondition(depth: Int) -> JSONValue {
            if depth < 2 && rng.int(4) == 0 {
                return .object([rng.int(2) == 0 ? "$and" : "$or": .array((0..<2).map { _ in randomCondition(depth: depth + 1) })])
            }
            let field = ["f", "g", "f.x", "missing"][rng.int(4)]
            let ops = ["$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists"]
            let op = ops[rng.int(ops.count)]
            let operand: JSONValue
            switch op {
            case "$in", "$nin": operand = .array([randomScalar(), randomScalar()])
            case "$exists": operand = .bool(rng.int(2) == 0)
            case "$gt", "$gte", "$lt", "$lte": operand = rng.int(2) == 0 ? .number(Double(rng.int(5))) : .string(["a", "b"][rng.int(2)])
            default: operand = randomScalar()
            }
            return .object([field: .object([op: operand])])
        }
        for round in 0..<150 {
            let json = randomCondition(depth: 0)
            let filter = try MetadataFilter(json: json)
            let expected = Set(documents.filter { filter.matches($0.metadata) }.map(\.id))
            let found = try await harness.store.keywordSearch(collectionID: collection.id, query: "common", readableBy: .admin,
                                                              filter: filter, limit: 100)
            let chunks = try await harness.store.chunks(labels: found.map(\.label))
            XCTAssertEqual(Set(chunks.map(\.documentID)), expected, "round \(round): \(json.jsonString())")
        }
    }
}
