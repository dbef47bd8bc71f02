import Foundation
import HTTPTypes
import Hummingbird
import StrataCore
import StrataGateway
import StrataStore

/// The web console: an overview of models, deployment health and spend, and the traces.
/// Server-rendered HTML, readable with JavaScript off. With a master key configured, the
/// console asks for it once and keeps it in an HttpOnly cookie.
struct ConsoleRoutes: Sendable {
    let deps: ServerDependencies
    static let cookie = "strata_console"

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/") { request, _ in try await overview(request) }
        router.get("/console/traces") { request, _ in try await traces(request) }
        router.get("/console/traces/{id}") { request, context in try await trace(request, id: context.parameters.decoded("id")) }
        router.get("/console/collections") { request, _ in try await collections(request) }
        router.get("/console/collections/{name}") { request, context in
            try await collection(request, name: context.parameters.decoded("name"))
        }
        router.get("/console/inbox") { request, _ in try await inbox(request) }
        router.post("/console/inbox/{id}") { request, context in try await reviewFromConsole(request, id: context.parameters.decoded("id")) }
        router.post("/console/login") { request, _ in try await login(request) }
    }

    func html(_ title: String, _ body: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: HTML.page(title: title, body: body))))
    }

    /// Who holds the console cookie (the operator on an open server); nil when nobody may look.
    func signedIn(_ request: Request) async -> KeyAuthenticator.Principal? {
        if deps.authenticator.isOpen { return KeyAuthenticator.Principal(key: nil, role: .admin) }
        let cookies = request.headers[.cookie] ?? ""
        for part in cookies.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0] == Self.cookie,
               let principal = try? await deps.authenticator.authenticate(bearer: String(pair[1]).removingPercentEncoding),
               principal.allows(.readOperations) {
                return principal
            }
        }
        return nil
    }

    func loginPage() -> Response {
        html("Sign in", """
            <h2>Sign in</h2><form method="post" action="/console/login">
            <input type="password" name="key" placeholder="master key or a viewer/developer/admin key" size="40"> <button>Open the console</button></form>
            """)
    }

    func login(_ request: Request) async throws -> Response {
        var request = request
        let body = String(buffer: try await request.collectBody(upTo: 4096))
        let key = body.split(separator: "&").compactMap { pair -> String? in
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0] == "key" else { return nil }
            return String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        }.first ?? ""
        guard let principal = try? await deps.authenticator.authenticate(bearer: key), principal.allows(.readOperations) else {
            return html("Sign in", "<p class=bad>That key may not open the console (it needs the master key or a viewer, developer or admin key).</p><p><a href=\"/\">Try again</a></p>")
        }
        let encoded = key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? key
        return Response(status: .seeOther, headers: [
            .location: "/", .setCookie: "\(Self.cookie)=\(encoded); HttpOnly; SameSite=Strict; Path=/",
        ])
    }

    func overview(_ request: Request) async throws -> Response {
        guard let principal = await signedIn(request) else { return loginPage() }
        let catalog = deps.catalog
        let health = deps.router.health.snapshot()
        let now = deps.time.now()
        var query = TraceQuery()
        query.since = now - 86_400
        query.limit = 1000
        // A key with a tenant sees its tenant's traffic only, as in the traces API.
        query.tenant = principal.key?.metadata["tenant"]
        let recent = try await deps.store.list(query)
        let spend = recent.reduce(0) { $0 + $1.cost }
        let failures = recent.filter { $0.status >= 400 }.count
        var body = """
            <div class=cards><div class=card><b>\(recent.count)\(recent.count == 1000 ? "+" : "")</b>requests, last 24 h</div>
            <div class=card><b>$\(String(format: "%.4f", spend))</b>spend, last 24 h</div>
            <div class=card><b>\(failures)</b>failed requests</div>
            <div class=card><b>\(catalog.modelNames.count)</b>models</div></div>
            <h2>Models and deployments</h2><table><tr><th>model</th><th>deployment</th><th>provider</th><th>upstream model</th>
            <th>state</th><th class=num>in flight</th><th class=num>latency</th><th class=num>ok / failed</th><th>price in/out per 1M</th></tr>
            """
        for deployment in catalog.allDeployments {
            let state = health[deployment.id] ?? DeploymentHealth.Snapshot()
            let price = deps.router.prices.price(of: deployment)
            let status = state.isCoolingDown(at: now) ? "<span class=bad>cooling down</span>" : "<span class=ok>ready</span>"
            body += """
                <tr><td>\(HTML.escape(deployment.publicModel))</td><td>\(HTML.escape(deployment.id))</td>
                <td>\(deployment.kind.rawValue)</td><td>\(HTML.escape(deployment.upstreamModel))</td><td>\(status)</td>
                <td class=num>\(state.inFlight)</td><td class=num>\(state.latency.map { String(format: "%.0f ms", $0 * 1000) } ?? "–")</td>
                <td class=num>\(state.successes) / \(state.failures)</td>
                <td>\(price.map { String(format: "$%.2f / $%.2f", $0.input, $0.output) } ?? "–")</td></tr>
                """
        }
        body += "</table><h2>Latest requests</h2>" + traceTable(Array(recent.prefix(20)))
        return html("Overview", body)
    }

    func traces(_ request: Request) async throws -> Response {
        guard let principal = await signedIn(request) else { return loginPage() }
        let parameters = request.uri.queryParameters
        var query = TraceQuery()
        query.limit = 100
        query.tenant = principal.key?.metadata["tenant"]
        query.model = parameters.get("model").flatMap { $0.isEmpty ? nil : $0 }
        if parameters.get("status") == "error" { query.failed = true }
        query.after = parameters.get("after")
        let traces = try await deps.store.list(query)
        var body = """
            <h2>Traces</h2><form method="get"><input name="model" placeholder="model" value="\(HTML.escape(query.model ?? ""))">
            <label><input type="checkbox" name="status" value="error" \(query.failed == true ? "checked" : "")> failures only</label>
            <button>Filter</button></form><br>
            """
        body += traceTable(traces)
        if traces.count == query.limit, let last = traces.last {
            var next = "?after=\(last.id)"
            if let model = query.model { next += "&model=\(model.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            if query.failed == true { next += "&status=error" }
            body += "<p><a href=\"\(HTML.escape(next))\">Older →</a></p>"
        }
        return html("Traces", body)
    }

    func trace(_ request: Request, id: String) async throws -> Response {
        guard let principal = await signedIn(request) else { return loginPage() }
        guard let trace = try await deps.store.trace(id: id),
              try await TraceRoutes(deps: deps).visible(trace, to: principal)
        else { throw StrataError.notFound("Trace '\(id)'") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(trace)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return html("Trace \(id)", "<h2>Trace \(HTML.escape(id))</h2><pre>\(HTML.escape(json))</pre>")
    }

    func traceTable(_ traces: [TraceRecord]) -> String {
        guard !traces.isEmpty else { return "<p class=muted>No requests yet.</p>" }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        var rows = """
            <table><tr><th>time (UTC)</th><th>endpoint</th><th>model</th><th>deployment</th><th>status</th>
            <th class=num>tokens in/out</th><th class=num>cost</th><th class=num>latency</th><th class=num>TTFT</th><th>key</th></tr>
            """
        for trace in traces {
            let status = trace.status >= 400
                ? "<span class=bad>\(trace.status) \(HTML.escape(trace.errorCode ?? ""))</span>" : "<span class=ok>\(trace.status)</span>"
            rows += """
                <tr><td><a href="/console/traces/\(HTML.escape(trace.id))">\(formatter.string(from: Date(timeIntervalSince1970: trace.createdAt)))</a></td>
                <td>\(HTML.escape(trace.endpoint))</td><td>\(HTML.escape(trace.modelRequested))</td>
                <td>\(HTML.escape(trace.deployment ?? "–"))\(trace.attempts.count > 1 ? " <span class=muted>(\(trace.attempts.count) attempts)</span>" : "")</td>
                <td>\(status)</td><td class=num>\(trace.promptTokens) / \(trace.completionTokens)</td>
                <td class=num>$\(String(format: "%.6f", trace.cost))</td><td class=num>\(String(format: "%.0f ms", trace.latencyMilliseconds))</td>
                <td class=num>\(trace.timeToFirstTokenMilliseconds.map { String(format: "%.0f ms", $0) } ?? "–")</td>
                <td>\(HTML.escape(trace.keyName ?? "–"))</td></tr>
                """
        }
        return rows + "</table>"
    }
}
