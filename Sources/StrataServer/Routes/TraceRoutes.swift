import Foundation
import HTTPTypes
import Hummingbird
import StrataCore
import StrataGateway
import StrataStore

/// `/v1/strata/traces`: the master key sees every trace, a virtual key only its own.
struct TraceRoutes: Sendable {
    let deps: ServerDependencies

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/v1/strata/traces") { request, _ in try await list(request) }
        router.get("/v1/strata/traces/{id}") { request, context in
            try await trace(request, id: context.parameters.decoded("id"))
        }
    }

    func list(_ request: Request) async throws -> Response {
        let principal = try await deps.principal(of: request)
        let parameters = request.uri.queryParameters
        var query = TraceQuery()
        query.since = try number(parameters, "since")
        query.until = try number(parameters, "until")
        query.model = parameters.get("model")
        query.keyID = principal.allows(.readAllTraces) ? parameters.get("key") : principal.key?.id
        // A viewer or developer key that belongs to a tenant sees that tenant's traces only.
        query.tenant = principal.key?.metadata["tenant"]
        if let status = parameters.get("status") {
            switch status {
            case "error", "failed": query.failed = true
            case "ok", "success": query.failed = false
            default:
                guard let code = Int(status) else {
                    throw StrataError.invalidField("status", "'status' must be an HTTP status, 'ok' or 'error'.")
                }
                query.status = code
            }
        }
        if let limit = parameters.get("limit") {
            guard let value = Int(limit), (1...1000).contains(value) else {
                throw StrataError.invalidField("limit", "'limit' must be an integer from 1 to 1000.")
            }
            query.limit = value
        }
        query.after = parameters.get("after")
        let traces = try await deps.store.list(query)
        var body: [String: JSONValue] = [
            "object": "list",
            "data": .array(traces.compactMap(Self.json)),
            "has_more": .bool(traces.count == query.limit),
        ]
        if let last = traces.last, traces.count == query.limit { body["next_after"] = .string(last.id) }
        return JSONResponse.make(JSONValue.object(body))
    }

    func trace(_ request: Request, id: String) async throws -> Response {
        let principal = try await deps.principal(of: request)
        guard let trace = try await deps.store.trace(id: id), try await visible(trace, to: principal) else {
            throw StrataError.notFound("Trace '\(id)'")
        }
        return JSONResponse.make(trace)
    }

    /// Own traces always; others with `readAllTraces`, limited to the caller's tenant if it has one.
    func visible(_ trace: TraceRecord, to principal: KeyAuthenticator.Principal) async throws -> Bool {
        if trace.keyID != nil && trace.keyID == principal.key?.id { return true }
        guard principal.allows(.readAllTraces) else { return false }
        guard let tenant = principal.key?.metadata["tenant"] else { return true }
        guard let owner = trace.keyID else { return false }
        return try await deps.store.key(id: owner)?.metadata["tenant"] == tenant
    }

    func number(_ parameters: Parameters, _ name: String) throws -> Double? {
        guard let text = parameters.get(name) else { return nil }
        guard let value = Double(text) else {
            throw StrataError.invalidField(name, "'\(name)' must be a Unix timestamp in seconds.")
        }
        return value
    }

    static func json(_ trace: TraceRecord) -> JSONValue? {
        guard let data = try? JSONEncoder().encode(trace) else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: data)
    }
}
