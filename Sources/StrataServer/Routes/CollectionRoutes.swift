import Foundation
import HTTPTypes
import Hummingbird
import StrataCore
import StrataGateway
import StrataKnowledge
import StrataStore

/// `/v1/strata/collections/…`: knowledge bases of the caller's tenant. Admins and developers
/// manage them; any key may search, and sees only the chunks its principal may read.
struct CollectionRoutes: Sendable {
    let deps: ServerDependencies
    static let base = "/v1/strata/collections"

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.post(.init(Self.base)) { request, _ in try await create(request) }
        router.get(.init(Self.base)) { request, _ in try await list(request) }
        router.get(.init(Self.base + "/{name}")) { request, context in
            try await show(request, name: context.parameters.decoded("name"))
        }
        router.delete(.init(Self.base + "/{name}")) { request, context in
            try await delete(request, name: context.parameters.decoded("name"))
        }
        router.post(.init(Self.base + "/{name}/documents")) { request, context in
            try await addDocuments(request, name: context.parameters.decoded("name"))
        }
        router.get(.init(Self.base + "/{name}/documents")) { request, context in
            try await listDocuments(request, name: context.parameters.decoded("name"))
        }
        router.delete(.init(Self.base + "/{name}/documents/{id}")) { request, context in
            try await deleteDocument(request, name: context.parameters.decoded("name"), id: context.parameters.decoded("id"))
        }
        router.post(.init(Self.base + "/{name}/search")) { request, context in
            try await search(request, name: context.parameters.decoded("name"))
        }
    }

    struct CreateBody: Decodable {
        var name: String
        var embedder: String?
        var settings: CollectionSettings?
        var tenant: String?
    }

    struct DocumentBody: Decodable {
        var id: String
        var text: String
        var title: String?
        var source: String?
        var metadata: [String: JSONValue]?
        var acl: AccessControl?
    }

    struct DocumentsBody: Decodable {
        var documents: [DocumentBody]
        var pruneSources: Bool?

        enum CodingKeys: String, CodingKey {
            case documents
            case pruneSources = "prune_sources"
        }
    }

    struct SearchBody: Decodable {
        var query: String
        var k: Int?
        var filter: JSONValue?
        var mode: SearchMode?
        var efSearch: Int?
        /// The end user to search as (keys with `trust_user_field` metadata only).
        var user: String?
        /// A chat model that re-scores the best candidates.
        var rerank: String?

        enum CodingKeys: String, CodingKey {
            case query, k, filter, mode, user, rerank
            case efSearch = "ef_search"
        }
    }

    /// The tenant a request acts in: a key's own; the master key may name one with `?tenant=`.
    func tenant(_ request: Request, caller: KeyAuthenticator.Principal, explicit: String? = nil) -> String {
        if let key = caller.key { return key.metadata["tenant"] ?? "" }
        return explicit ?? request.uri.queryParameters.get("tenant") ?? ""
    }

    func collection(_ request: Request, name: String, caller: KeyAuthenticator.Principal) async throws -> CollectionRecord {
        try await deps.knowledge.collection(named: name, tenant: tenant(request, caller: caller))
    }

    func create(_ request: Request) async throws -> Response {
        let caller = try await deps.require(.manageKnowledge, request)
        let body = try await deps.decoding.decode(CreateBody.self, from: request)
        guard let embedder = body.embedder ?? deps.embedders.defaultEmbedder else {
            throw StrataError.missingField("embedder")
        }
        if let key = caller.key, !key.allows(model: embedder) { throw StrataError.modelNotAllowed(embedder) }
        let record = try await deps.knowledge.createCollection(
            name: body.name, tenant: tenant(request, caller: caller, explicit: body.tenant), embedder: embedder,
            settings: body.settings ?? CollectionSettings())
        await deps.audit.record(actor: caller.key?.name ?? "admin", action: "collection.create", subject: record.name,
                                details: ["tenant": record.tenant, "embedder": embedder])
        return JSONResponse.make(Self.json(record, documents: 0, chunks: 0), status: .created)
    }

    func list(_ request: Request) async throws -> Response {
        let caller = try await deps.principal(of: request)
        let scope: String? = caller.key == nil ? request.uri.queryParameters.get("tenant") : tenant(request, caller: caller)
        let summaries = try await deps.knowledge.collections(tenant: scope)
        return JSONResponse.make(JSONValue.object([
            "object": "list",
            "data": .array(summaries.map { Self.json($0.collection, documents: $0.documents, chunks: $0.chunks) }),
        ]))
    }

    func show(_ request: Request, name: String) async throws -> Response {
        let caller = try await deps.principal(of: request)
        let record = try await collection(request, name: name, caller: caller)
        let reader = try deps.readingPrincipal(of: request, caller: caller)
        let summary = try await deps.knowledge.collections(tenant: record.tenant).first { $0.collection.id == record.id }
        guard reader.unrestricted else {
            // Counts of what this caller may read, not of what exists.
            let readable = try await deps.knowledge.documents(in: record, readableBy: reader, after: nil, limit: 100_000)
            return JSONResponse.make(Self.json(record, documents: readable.count, chunks: readable.reduce(0) { $0 + $1.chunkCount }))
        }
        return JSONResponse.make(Self.json(record, documents: summary?.documents ?? 0, chunks: summary?.chunks ?? 0))
    }

    func delete(_ request: Request, name: String) async throws -> Response {
        let caller = try await deps.require(.manageKnowledge, request)
        let record = try await collection(request, name: name, caller: caller)
        try await deps.knowledge.deleteCollection(record)
        await deps.audit.record(actor: caller.key?.name ?? "admin", action: "collection.delete", subject: record.name,
                                details: ["tenant": record.tenant])
        return JSONResponse.make(JSONValue.object(["id": .string(record.name), "object": "collection", "deleted": true]))
    }

    func addDocuments(_ request: Request, name: String) async throws -> Response {
        let caller = try await deps.require(.manageKnowledge, request)
        let record = try await collection(request, name: name, caller: caller)
        let body = try await deps.decoding.decode(DocumentsBody.self, from: request)
        guard !body.documents.isEmpty, body.documents.count <= 1000 else {
            throw StrataError.invalidField("documents", "Send 1 to 1000 documents per request.")
        }
        let documents = body.documents.map { d in
            IngestDocument(id: d.id, source: d.source, title: d.title, text: d.text, metadata: d.metadata ?? [:],
                           access: d.acl ?? AccessControl())
        }
        let report = try await deps.knowledge.ingest(documents, into: record, pruneSources: body.pruneSources ?? false)
        return JSONResponse.make(report)
    }

    func listDocuments(_ request: Request, name: String) async throws -> Response {
        let caller = try await deps.principal(of: request)
        let record = try await collection(request, name: name, caller: caller)
        let reader = try deps.readingPrincipal(of: request, caller: caller)
        let parameters = request.uri.queryParameters
        var limit = 100
        if let text = parameters.get("limit") {
            guard let value = Int(text), (1...1000).contains(value) else {
                throw StrataError.invalidField("limit", "'limit' must be an integer from 1 to 1000.")
            }
            limit = value
        }
        let documents = try await deps.knowledge.documents(in: record, readableBy: reader, after: parameters.get("after"),
                                                           limit: limit)
        var body: [String: JSONValue] = [
            "object": "list",
            "data": .array(documents.map(Self.json)),
            "has_more": .bool(documents.count == limit),
        ]
        if let last = documents.last, documents.count == limit { body["next_after"] = .string(last.id) }
        return JSONResponse.make(JSONValue.object(body))
    }

    func deleteDocument(_ request: Request, name: String, id: String) async throws -> Response {
        let caller = try await deps.require(.manageKnowledge, request)
        let record = try await collection(request, name: name, caller: caller)
        guard try await deps.knowledge.deleteDocument(id, from: record) else { throw StrataError.notFound("Document '\(id)'") }
        return JSONResponse.make(JSONValue.object(["id": .string(id), "object": "document", "deleted": true]))
    }

    func search(_ request: Request, name: String) async throws -> Response {
        let caller = try await deps.principal(of: request)
        let record = try await collection(request, name: name, caller: caller)
        let body = try await deps.decoding.decode(SearchBody.self, from: request)
        let reader = try deps.readingPrincipal(of: request, caller: caller, user: body.user)
        var filter: MetadataFilter?
        if let json = body.filter {
            do {
                filter = try MetadataFilter(json: json)
            } catch {
                throw StrataError.invalidField("filter", "Invalid filter: \(error.message).")
            }
        }
        if let ef = body.efSearch, !(1...1000).contains(ef) {
            throw StrataError.invalidField("ef_search", "'ef_search' must be between 1 and 1000.")
        }
        var reranker: (any Reranker)?
        if let model = body.rerank {
            guard !deps.catalog.deployments(of: model).isEmpty else {
                throw StrataError.modelNotFound(model, available: deps.catalog.modelNames)
            }
            if let key = caller.key, !key.allows(model: model) { throw StrataError.modelNotAllowed(model) }
            reranker = ChatModelReranker(model: model, pipeline: deps.pipeline, time: deps.time, key: caller.key)
        }
        let results = try await deps.knowledge.search(
            SearchRequest(query: body.query, k: body.k ?? 5, filter: filter, mode: body.mode ?? .hybrid, efSearch: body.efSearch,
                          reranker: reranker),
            in: record, as: reader)
        return JSONResponse.make(JSONValue.object(["object": "list", "data": .array(results.map(Self.json))]))
    }

    static func json(_ record: CollectionRecord, documents: Int, chunks: Int) -> JSONValue {
        .object([
            "object": "collection", "id": .string(record.name), "tenant": .string(record.tenant),
            "embedder": .string(record.embedder), "dimensions": .number(Double(record.dimensions)),
            "settings": record.settings, "created_at": .number(record.createdAt),
            "documents": .number(Double(documents)), "chunks": .number(Double(chunks)),
        ])
    }

    static func json(_ document: DocumentRecord) -> JSONValue {
        .object([
            "object": "document", "id": .string(document.id), "source": .string(document.source),
            "title": document.title.map(JSONValue.string) ?? .null, "metadata": .object(document.metadata),
            "acl": .object([
                "owners": .array(document.access.owners.map(JSONValue.string)),
                "groups": .array(document.access.groups.map(JSONValue.string)),
                "labels": .array(document.access.labels.map(JSONValue.string)),
            ]),
            "chunks": .number(Double(document.chunkCount)), "content_hash": .string(document.contentHash),
            "updated_at": .number(document.updatedAt),
        ])
    }

    static func json(_ result: SearchResult) -> JSONValue {
        .object([
            "object": "search_result", "document_id": .string(result.documentID), "chunk_id": .string(result.chunkID),
            "title": result.title.map(JSONValue.string) ?? .null, "source": .string(result.source), "text": .string(result.text),
            "span": .array([.number(Double(result.span.lowerBound)), .number(Double(result.span.upperBound))]),
            "headings": .array(result.headings.map(JSONValue.string)), "metadata": .object(result.metadata),
            "score": .number(result.score),
            "vector_rank": result.vectorRank.map { .number(Double($0)) } ?? .null,
            "keyword_rank": result.keywordRank.map { .number(Double($0)) } ?? .null,
            "rerank_score": result.rerankScore.map(JSONValue.number) ?? .null,
        ])
    }
}
