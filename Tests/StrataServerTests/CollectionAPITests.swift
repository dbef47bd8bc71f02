import Foundation
import StrataCore
import StrataGateway
import StrataTestSupport
import XCTest

/// The collections API end to end over HTTP: two tenants, keys with users and groups, and a
/// backend that signs the end user it asks for.
final class CollectionAPITests: XCTestCase {
    static func withEmbedder(_ config: inout StrataConfig) throws {
        var local = DeploymentConfig(provider: .local)
        local.path = try BundledModels.requireEmbedder()
        config.models.append(ModelConfig(name: "all-minilm-l6-v2", deployments: [local]))
        config.auth.principalSecret = "backend-secret"
        config.auth.users = ["ann": UserEntry(groups: ["eng"], clearances: ["confidential"])]
    }

    func key(_ server: ServerHarness, _ name: String, role: String = "app", metadata: [String: String]) async throws -> String {
        let meta = String(decoding: try JSONEncoder().encode(metadata), as: UTF8.self)
        let reply = try await server.send("/admin/keys", body: #"{"name":"\#(name)","role":"\#(role)","metadata":\#(meta)}"#,
                                          key: "sk-master")
        XCTAssertEqual(reply.status, 201, reply.body)
        return reply.json["key"]?.stringValue ?? ""
    }

    func testCollectionsDocumentsAndSearchRespectTenantsAndACLs() async throws {
        var setupError: (any Error)?
        let server = try await ServerHarness.start(masterKey: "sk-master") { config, _ in
            do { try Self.withEmbedder(&config) } catch { setupError = error }
        }
        addTeardownBlock { try await server.stop() }
        if let setupError { throw setupError }

        let acmeDev = try await key(server, "acme-dev", role: "developer", metadata: ["tenant": "acme"])
        let ann = try await key(server, "ann", metadata: ["tenant": "acme", "user": "ann", "groups": "eng"])
        let bob = try await key(server, "bob", metadata: ["tenant": "acme", "user": "bob", "groups": "sales"])
        let globex = try await key(server, "globex", metadata: ["tenant": "globex"])

        let created = try await server.send("/v1/strata/collections", body: #"{"name":"wiki"}"#, key: acmeDev)
        XCTAssertEqual(created.status, 201, created.body)
        XCTAssertEqual(created.json["embedder"], "all-minilm-l6-v2")
        XCTAssertEqual(created.json["tenant"], "acme")
        let value1 = try await server.send("/v1/strata/collections", body: #"{"name":"wiki"}"#, key: ann).status
        XCTAssertEqual(value1, 403,
                       "an app key may not create collections")
        let duplicate = try await server.send("/v1/strata/collections", body: #"{"name":"wiki"}"#, key: acmeDev)
        XCTAssertEqual(duplicate.status, 409)
        XCTAssertEqual(duplicate.json["error"]?["code"], "collection_exists")

        let documents = #"""
            {"documents": [
              {"id": "holidays", "title": "Holidays", "text": "Everyone gets 25 vacation days per year."},
              {"id": "eng-oncall", "title": "On-call", "text": "Engineers rotate the pager weekly; the escalation code is ORCHID.",
               "acl": {"groups": ["eng"]}},
              {"id": "sales-targets", "title": "Targets", "text": "The sales vacation bonus target is 2 million euros.",
               "acl": {"groups": ["sales"]}, "metadata": {"year": 2025}},
              {"id": "salaries", "title": "Salaries", "text": "Salary bands and vacation payouts for every level.",
               "acl": {"owners": ["ann"], "labels": ["confidential"]}}
            ]}
            """#
        let added = try await server.send("/v1/strata/collections/wiki/documents", body: documents, key: acmeDev)
        XCTAssertEqual(added.status, 200, added.body)
        XCTAssertEqual(added.json["added"], 4)
        let again = try await server.send("/v1/strata/collections/wiki/documents", body: documents, key: acmeDev)
        XCTAssertEqual(again.json["unchanged"], 4)

        func ids(_ key: String, _ query: String, mode: String = "hybrid", headers: [(String, String)] = []) async throws -> Set<String> {
            // The master key names the tenant it acts in.
            let path = "/v1/strata/collections/wiki/search" + (key == "sk-master" ? "?tenant=acme" : "")
            let reply = try await server.send(path, body: #"{"query":"\#(query)","k":10,"mode":"\#(mode)"}"#, key: key, headers: headers)
            XCTAssertEqual(reply.status, 200, reply.body)
            return Set(reply.json["data"]?.arrayValue?.compactMap { $0["document_id"]?.stringValue } ?? [])
        }
        for mode in ["hybrid", "vector", "keyword"] {
            let value2 = try await ids(ann, "vacation days escalation code", mode: mode).subtracting(["holidays", "eng-oncall"])
            XCTAssertEqual(value2, [], mode)
            let value3 = try await ids(ann, "salary bands", mode: mode).contains("salaries")
            XCTAssertFalse(value3, "ann lacks the confidential clearance")
            let value4 = try await ids(bob, "vacation escalation code ORCHID", mode: mode).subtracting(["holidays", "sales-targets"])
            XCTAssertEqual(value4, [], mode)
        }
        let value5 = try await ids(ann, "pager escalation").contains("eng-oncall")
        XCTAssertTrue(value5)
        let value6 = try await ids("sk-master", "salary bands").contains("salaries")
        XCTAssertTrue(value6, "the operator reads everything")

        // Another tenant cannot see the collection at all, by search, listing or documents.
        let foreign = try await server.send("/v1/strata/collections/wiki/search", body: #"{"query":"vacation"}"#, key: globex)
        XCTAssertEqual(foreign.status, 404)
        XCTAssertEqual(foreign.json["error"]?["code"], "collection_not_found")
        let globexList = try await server.send(.GET, "/v1/strata/collections", key: globex)
        XCTAssertEqual(globexList.json["data"]?.arrayValue?.count, 0)

        // Document listings are filtered the same way.
        let listed = try await server.send(.GET, "/v1/strata/collections/wiki/documents", key: bob)
        XCTAssertEqual(Set(listed.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []), ["holidays", "sales-targets"])
        let shown = try await server.send(.GET, "/v1/strata/collections/wiki", key: bob)
        XCTAssertEqual(shown.json["documents"], 2, "counts only what bob may read")

        // A backend key searching for an end user it signs for.
        let soon = Date().timeIntervalSince1970 + 300
        let signed = SignedPrincipal.sign(.init(user: "ann", groups: ["eng"], clearances: ["confidential"], exp: soon), secret: "backend-secret")
        let endless = SignedPrincipal.sign(.init(user: "ann", groups: ["eng"], clearances: ["confidential"]), secret: "backend-secret")
        let refused = try await server.send("/v1/strata/collections/wiki/search", body: #"{"query":"salary"}"#, key: bob,
                                            headers: [("X-Strata-Principal", endless.value), ("X-Strata-Signature", endless.signature)])
        XCTAssertEqual(refused.status, 400, "a principal without exp is refused")
        let otherTenant = SignedPrincipal.sign(.init(user: "ann", tenant: "globex", exp: soon), secret: "backend-secret")
        let crossed = try await server.send("/v1/strata/collections/wiki/search", body: #"{"query":"salary"}"#, key: bob,
                                            headers: [("X-Strata-Principal", otherTenant.value), ("X-Strata-Signature", otherTenant.signature)])
        XCTAssertEqual(crossed.status, 403)
        let asAnn = try await ids(bob, "salary bands vacation", headers: [("X-Strata-Principal", signed.value), ("X-Strata-Signature", signed.signature)])
        XCTAssertTrue(asAnn.contains("salaries"))
        XCTAssertFalse(asAnn.contains("sales-targets"), "narrowed to ann, not bob")
        let forged = try await server.send("/v1/strata/collections/wiki/search", body: #"{"query":"salary"}"#, key: bob,
                                           headers: [("X-Strata-Principal", signed.value), ("X-Strata-Signature", String(repeating: "0", count: 64))])
        XCTAssertEqual(forged.status, 401)
        XCTAssertEqual(forged.json["error"]?["code"], "invalid_principal_signature")
        XCTAssertFalse(forged.body.contains("Salary"), "an error never carries document text")

        // A backend key trusted to name its users in the body's `user` field (groups from config).
        let backend = try await key(server, "backend", metadata: ["tenant": "acme", "trust_user_field": "true"])
        func userSearch(_ key: String, user: String) async throws -> Set<String> {
            let reply = try await server.send("/v1/strata/collections/wiki/search",
                                              body: #"{"query":"salary bands vacation","k":10,"user":"\#(user)"}"#, key: key)
            return Set(reply.json["data"]?.arrayValue?.compactMap { $0["document_id"]?.stringValue } ?? [])
        }
        let backendAsAnn = try await userSearch(backend, user: "ann")
        XCTAssertTrue(backendAsAnn.contains("salaries"))
        XCTAssertFalse(backendAsAnn.contains("sales-targets"))
        let bobClaimsAnn = try await userSearch(bob, user: "ann")
        XCTAssertFalse(bobClaimsAnn.contains("salaries"), "an untrusted key cannot claim a user")

        // Filters, bad filters, deletes.
        let filtered = try await server.send("/v1/strata/collections/wiki/search?tenant=acme",
                                             body: #"{"query":"vacation","filter":{"year":{"$gte":2025}}}"#, key: "sk-master",
                                             headers: [])
        XCTAssertEqual(filtered.json["data"]?.arrayValue?.compactMap { $0["document_id"]?.stringValue }, ["sales-targets"])
        let badFilter = try await server.send("/v1/strata/collections/wiki/search",
                                              body: #"{"query":"x","filter":{"year":{"$regex":"2"}}}"#, key: ann)
        XCTAssertEqual(badFilter.status, 400)
        XCTAssertEqual(badFilter.json["error"]?["param"], "filter")
        let value7 = try await server.send(.DELETE, "/v1/strata/collections/wiki/documents/eng-oncall", key: acmeDev).status
        XCTAssertEqual(value7, 200)
        let value8 = try await ids(ann, "pager escalation").contains("eng-oncall")
        XCTAssertFalse(value8)
        let value9 = try await server.send(.DELETE, "/v1/strata/collections/wiki", key: globex).status
        XCTAssertEqual(value9, 403)
        let value10 = try await server.send(.DELETE, "/v1/strata/collections/wiki", key: acmeDev).status
        XCTAssertEqual(value10, 200)
        let value11 = try await server.send("/v1/strata/collections/wiki/search", body: #"{"query":"x"}"#, key: ann).status
        XCTAssertEqual(value11, 404)
    }

    /// A collection can embed with a hosted model: batches go through the gateway (routed,
    /// retried, traced with their cost) and the vectors' size comes from the provider.
    func testCollectionWithAHostedEmbedder() async throws {
        let server = try await ServerHarness.start(masterKey: "sk-master")
        addTeardownBlock { try await server.stop() }
        let created = try await server.send("/v1/strata/collections", body: #"{"name":"hosted","embedder":"embedder"}"#, key: "sk-master")
        XCTAssertEqual(created.status, 201, created.body)
        XCTAssertEqual(created.json["dimensions"], 8)
        let missing = try await server.send("/v1/strata/collections", body: #"{"name":"x"}"#, key: "sk-master")
        XCTAssertEqual(missing.status, 400, "no bundled embedder configured here, so one must be named")
        XCTAssertEqual(missing.json["error"]?["param"], "embedder")
        let docs = #"{"documents":[{"id":"a","text":"apples and pears"},{"id":"b","text":"trains and buses"},{"id":"c","text":"apples in pies"}]}"#
        let added = try await server.send("/v1/strata/collections/hosted/documents", body: docs, key: "sk-master")
        XCTAssertEqual(added.json["added"], 3, added.body)
        let vector = try await server.send("/v1/strata/collections/hosted/search", body: #"{"query":"apples","mode":"vector","k":3}"#,
                                           key: "sk-master")
        XCTAssertEqual(vector.json["data"]?.arrayValue?.count, 3)
        let keyword = try await server.send("/v1/strata/collections/hosted/search", body: #"{"query":"apples","mode":"keyword"}"#,
                                            key: "sk-master")
        XCTAssertEqual(Set(keyword.json["data"]?.arrayValue?.compactMap { $0["document_id"]?.stringValue } ?? []), ["a", "c"])
        XCTAssertTrue(server.upstream.received.contains { $0.path == "/v1/embeddings" })
        var embedTraces: [JSONValue] = []
        for _ in 0..<50 {
            let traces = try await server.send(.GET, "/v1/strata/traces?limit=100", key: "sk-master")
            embedTraces = traces.json["data"]?.arrayValue?.filter { $0["endpoint"] == "knowledge.embed" } ?? []
            if embedTraces.count >= 3 { break }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        XCTAssertGreaterThanOrEqual(embedTraces.count, 3, "probe, ingest batch and query are traced")
        XCTAssertTrue(embedTraces.allSatisfy { ($0["cost"]?.doubleValue ?? 0) > 0 })
    }

    /// A chat model as reranker: its scores reorder the candidates; an answer that is not a
    /// score array leaves the fused order.
    func testRerankingWithAChatModel() async throws {
        let server = try await ServerHarness.start(masterKey: "sk-master")
        addTeardownBlock { try await server.stop() }
        _ = try await server.send("/v1/strata/collections", body: #"{"name":"r","embedder":"embedder"}"#, key: "sk-master")
        let docs = #"{"documents":[{"id":"a","text":"apples one"},{"id":"b","text":"apples two"},{"id":"c","text":"apples three"}]}"#
        _ = try await server.send("/v1/strata/collections/r/documents", body: docs, key: "sk-master")
        let plain = try await server.send("/v1/strata/collections/r/search", body: #"{"query":"apples","mode":"keyword","k":3}"#,
                                          key: "sk-master")
        let fused = plain.json["data"]?.arrayValue?.compactMap { $0["document_id"]?.stringValue } ?? []
        XCTAssertEqual(fused.count, 3)
        // The judge likes the last fused candidate best and the first least.
        server.upstream.enqueue(.reply("Scores: [1, 5, 9]"))
        let reranked = try await server.send("/v1/strata/collections/r/search",
                                             body: #"{"query":"apples","mode":"keyword","k":2,"rerank":"gpt"}"#, key: "sk-master")
        XCTAssertEqual(reranked.status, 200, reranked.body)
        let order = reranked.json["data"]?.arrayValue?.compactMap { $0["document_id"]?.stringValue } ?? []
        XCTAssertEqual(order, [fused[2], fused[1]])
        XCTAssertEqual(reranked.json["data"]?.arrayValue?.first?["rerank_score"], 9)
        let prompt = server.upstream.received.last?.body["messages"]?.arrayValue?.first?["content"]?.stringValue ?? ""
        XCTAssertTrue(prompt.contains("Passage 3:"), prompt)

        server.upstream.enqueue(.reply("I think the second one."))
        let fallback = try await server.send("/v1/strata/collections/r/search",
                                             body: #"{"query":"apples","mode":"keyword","k":3,"rerank":"gpt"}"#, key: "sk-master")
        XCTAssertEqual(fallback.json["data"]?.arrayValue?.compactMap { $0["document_id"]?.stringValue }, fused)
        let unknown = try await server.send("/v1/strata/collections/r/search", body: #"{"query":"apples","rerank":"nope"}"#,
                                            key: "sk-master")
        XCTAssertEqual(unknown.json["error"]?["code"], "model_not_found")
    }
}
