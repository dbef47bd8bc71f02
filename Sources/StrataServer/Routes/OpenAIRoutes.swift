import Foundation
import HTTPTypes
import Hummingbird
import StrataCore
import StrataGateway
import StrataProviders

/// The OpenAI-compatible API: chat, completions, embeddings, models.
struct OpenAIRoutes: Sendable {
    let deps: ServerDependencies

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.post("/v1/chat/completions") { request, _ in try await chat(request) }
        router.post("/v1/completions") { request, _ in try await completions(request) }
        router.post("/v1/embeddings") { request, _ in try await embeddings(request) }
        router.get("/v1/models") { request, _ in try await models(request) }
        // `**` because model ids may contain a slash (`org/model`).
        router.get("/v1/models/**") { request, context in
            try await model(request, id: context.parameters.getCatchAll().map { $0.removingPercentEncoding ?? String($0) }.joined(separator: "/"))
        }
    }

    func chat(_ request: Request) async throws -> Response {
        let principal = try await deps.principal(of: request)
        let (body, raw) = try await deps.decoding.decodeKeepingBody(ChatCompletionRequest.self, from: request)
        let context = try deps.context(for: request, endpoint: "/v1/chat/completions", principal: principal, body: raw,
                                       user: body.user)
        do {
            switch try await deps.pipeline.chat(body, context: context) {
            case .response(_, let encoded, let headers):
                return JSONResponse.raw(encoded, headers: HTTPFields(traceID: context.traceID, extra: headers))
            case .stream(let stream, let headers):
                return SSEResponse.openAI(stream, headers: HTTPFields(traceID: context.traceID, extra: headers))
            }
        } catch let error as StrataError {
            throw TracedError(error: error, traceID: context.traceID)
        }
    }

    func completions(_ request: Request) async throws -> Response {
        let principal = try await deps.principal(of: request)
        let body = try await deps.decoding.decode(CompletionRequest.self, from: request)
        let context = try deps.context(for: request, endpoint: "/v1/completions", principal: principal)
        do {
            switch try await deps.completions.complete(body, context: context) {
            case .response(let response):
                return JSONResponse.make(response, headers: [.traceID: context.traceID])
            case .stream(let stream):
                return SSEResponse.completions(stream, headers: HTTPFields(traceID: context.traceID, extra: []))
            }
        } catch let error as StrataError {
            throw TracedError(error: error, traceID: context.traceID)
        }
    }

    func embeddings(_ request: Request) async throws -> Response {
        let principal = try await deps.principal(of: request)
        let body = try await deps.decoding.decode(EmbeddingRequest.self, from: request)
        let context = try deps.context(for: request, endpoint: "/v1/embeddings", principal: principal)
        do {
            let response = try await deps.embeddings.embed(body, context: context)
            if body.encodingFormat == "base64" {
                return JSONResponse.make(Self.base64(response), headers: [.traceID: context.traceID])
            }
            return JSONResponse.make(response, headers: [.traceID: context.traceID])
        } catch let error as StrataError {
            throw TracedError(error: error, traceID: context.traceID)
        }
    }

    /// The `base64` encoding the official clients ask for by default: little-endian float32 bytes.
    static func base64(_ response: EmbeddingResponse) -> JSONValue {
        let data: [JSONValue] = response.data.map { item in
            var bytes = Data(capacity: item.embedding.count * 4)
            for value in item.embedding {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
            return ["object": "embedding", "index": .number(Double(item.index)), "embedding": .string(bytes.base64EncodedString())]
        }
        return ["object": "list", "data": .array(data), "model": .string(response.model),
                "usage": ["prompt_tokens": .number(Double(response.usage.promptTokens)),
                          "total_tokens": .number(Double(response.usage.totalTokens))]]
    }

    func models(_ request: Request) async throws -> Response {
        let principal = try await deps.principal(of: request)
        let catalog = deps.catalog
        let visible = catalog.config.models.filter { principal.key?.allows(model: $0.name) ?? true }
        return JSONResponse.make(ModelList(data: visible.map { info($0, catalog: catalog) }))
    }

    func model(_ request: Request, id: String) async throws -> Response {
        let principal = try await deps.principal(of: request)
        let catalog = deps.catalog
        guard let model = catalog.models[id], principal.key?.allows(model: id) ?? true else {
            throw StrataError.modelNotFound(id, available: catalog.modelNames.filter { principal.key?.allows(model: $0) ?? true })
        }
        return JSONResponse.make(info(model, catalog: catalog))
    }

    func info(_ model: ModelConfig, catalog: ModelCatalog) -> ModelInfo {
        let owner = model.ownedBy ?? catalog.deployments(of: model.name).first.map { $0.kind.rawValue } ?? "strata"
        return ModelInfo(id: model.name, created: 1_700_000_000, ownedBy: owner)
    }
}

/// An error that already has a trace, so its response can name the trace id.
struct TracedError: Error {
    var error: StrataError
    var traceID: String
}
