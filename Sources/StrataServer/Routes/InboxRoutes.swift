import Foundation
import Hummingbird
import StrataCore
import StrataGateway
import StrataStore

/// `/v1/strata/inbox`: the traces a person should look at (guard findings, server-side
/// failures, withheld tool calls, retrieved chunks dropped as injections), newest first,
/// until someone reviews them. Scoped to the caller's tenant like the traces.
struct InboxRoutes: Sendable {
    let deps: ServerDependencies

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/v1/strata/inbox") { request, _ in try await list(request) }
        router.post("/v1/strata/inbox/{id}/review") { request, context in
            try await review(request, id: context.parameters.decoded("id"))
        }
    }

    struct ReviewBody: Decodable {
        var verdict: String
        var note: String?
    }

    static let verdicts: Set<String> = ["ok", "issue", "false_positive"]

    func list(_ request: Request) async throws -> Response {
        let principal = try await deps.require(.readAllTraces, request)
        let parameters = request.uri.queryParameters
        var query = TraceQuery()
        query.needsReview = true
        query.tenant = principal.key?.metadata["tenant"]
        query.after = parameters.get("after")
        query.limit = min(500, parameters.get("limit").flatMap { Int($0) } ?? 100)
        let traces = try await deps.store.list(query)
        var body: [String: JSONValue] = ["object": "list", "data": .array(traces.map { Self.item($0) })]
        if let last = traces.last, traces.count == query.limit { body["next_after"] = .string(last.id) }
        return JSONResponse.make(JSONValue.object(body))
    }

    func review(_ request: Request, id: String) async throws -> Response {
        let principal = try await deps.require(.reviewTraces, request)
        let body = try await deps.decoding.decode(ReviewBody.self, from: request)
        guard Self.verdicts.contains(body.verdict) else {
            throw StrataError.invalidField("verdict", "'verdict' is one of: \(Self.verdicts.sorted().joined(separator: ", ")).")
        }
        try await record(id: id, verdict: body.verdict, note: body.note ?? "", by: principal)
        return JSONResponse.make(JSONValue.object(["trace_id": .string(id), "verdict": .string(body.verdict), "reviewed": true]))
    }

    /// Stores a review of a trace the reviewer may see, and audits it.
    func record(id: String, verdict: String, note: String, by principal: KeyAuthenticator.Principal) async throws {
        guard let trace = try await deps.store.trace(id: id), try await TraceRoutes(deps: deps).visible(trace, to: principal) else {
            throw StrataError.notFound("Trace '\(id)'")
        }
        let reviewer = principal.key?.name ?? "master"
        try await deps.store.review(TraceReview(traceID: id, reviewedAt: deps.time.now(), reviewer: reviewer, verdict: verdict,
                                                note: String(note.prefix(2000))))
        await deps.audit.record(actor: AdminRoutes.actor(principal), action: "trace.review", subject: "trace:\(id)",
                                details: ["verdict": verdict])
    }

    static func item(_ trace: TraceRecord) -> JSONValue {
        .object([
            "trace_id": .string(trace.id), "created_at": .number(trace.createdAt), "model": .string(trace.modelRequested),
            "key": trace.keyName.map(JSONValue.string) ?? .null, "status": .number(Double(trace.status)),
            "reasons": .array(reasons(trace).map(JSONValue.string)),
        ])
    }

    /// Why a trace is in the inbox, in words.
    static func reasons(_ trace: TraceRecord) -> [String] {
        var found: [String] = []
        for result in trace.guards?.arrayValue ?? [] {
            let name = result["guardName"]?.stringValue ?? "guard"
            let verdict = result["verdict"]?.objectValue?.keys.sorted().first ?? "flag"
            found.append("\(name): \(verdict)")
        }
        if trace.errorCode == "guard_blocked" && found.isEmpty { found.append("blocked by a guard") }
        if trace.status >= 500 { found.append("failed: \(trace.errorCode ?? String(trace.status))") }
        let blocked = trace.metadata?["strata.quarantine"]?["blocked_tool_calls"]?.arrayValue?.count ?? 0
        if blocked > 0 { found.append("\(blocked) tool call\(blocked == 1 ? "" : "s") withheld by the data-flow policy") }
        let dropped = Int(trace.metadata?["strata.retrieval"]?["dropped_as_injection"]?.doubleValue ?? 0)
        if dropped > 0 { found.append("\(dropped) retrieved chunk\(dropped == 1 ? "" : "s") dropped as injected instructions") }
        return found
    }
}
