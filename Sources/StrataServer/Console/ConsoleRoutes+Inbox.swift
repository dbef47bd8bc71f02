import Foundation
import Hummingbird
import StrataCore
import StrataStore

/// The console's review inbox: traces that need a person (guard findings, failures, withheld
/// tool calls, dropped injections), each with a one-click verdict.
extension ConsoleRoutes {
    func inbox(_ request: Request) async throws -> Response {
        guard let principal = await signedIn(request) else { return loginPage() }
        var query = TraceQuery()
        query.needsReview = true
        query.limit = 100
        query.tenant = principal.key?.metadata["tenant"]
        let items = try await deps.store.list(query)
        var body = "<h2>Review inbox</h2>"
        guard !items.isEmpty else { return html("Inbox", body + "<p class=muted>Nothing to review.</p>") }
        let canReview = principal.allows(.reviewTraces)
        body += "<table><tr><th>time (UTC)</th><th>model</th><th>key</th><th>status</th><th>why</th><th>verdict</th></tr>"
        for trace in items {
            let reasons = InboxRoutes.reasons(trace).map(HTML.escape).joined(separator: "<br>")
            let form = canReview ? """
                <form method="post" action="/console/inbox/\(HTML.escape(trace.id))">
                <select name="verdict"><option value="ok">ok</option><option value="issue">issue</option>
                <option value="false_positive">false positive</option></select> <button>Done</button></form>
                """ : "<span class=muted>read only</span>"
            body += """
                <tr><td><a href="/console/traces/\(HTML.escape(trace.id))">\(Self.timestamp(trace.createdAt))</a></td>
                <td>\(HTML.escape(trace.modelRequested))</td><td>\(HTML.escape(trace.keyName ?? "–"))</td>
                <td>\(trace.status >= 400 ? "<span class=bad>\(trace.status)</span>" : "\(trace.status)")</td>
                <td>\(reasons)</td><td>\(form)</td></tr>
                """
        }
        return html("Inbox", body + "</table>")
    }

    func reviewFromConsole(_ request: Request, id: String) async throws -> Response {
        guard let principal = await signedIn(request) else { return loginPage() }
        guard principal.allows(.reviewTraces) else { throw StrataError.forbidden("This key may not review traces.") }
        var request = request
        let form = String(buffer: try await request.collectBody(upTo: 4096))
        let verdict = form.split(separator: "&").compactMap { pair -> String? in
            let parts = pair.split(separator: "=", maxSplits: 1)
            return parts.count == 2 && parts[0] == "verdict" ? String(parts[1]) : nil
        }.first ?? ""
        guard InboxRoutes.verdicts.contains(verdict) else { throw StrataError.invalidField("verdict", "Unknown verdict.") }
        try await InboxRoutes(deps: deps).record(id: id, verdict: verdict, note: "", by: principal)
        return Response(status: .seeOther, headers: [.location: "/console/inbox"])
    }
}
