import Foundation
import Hummingbird
import StrataCore
import StrataKnowledge
import StrataStore

/// Console pages for knowledge: the collections, a collection's documents with their ACLs,
/// and a search box that searches as the signed-in key (so it shows what that key may read).
extension ConsoleRoutes {
    func collections(_ request: Request) async throws -> Response {
        guard let principal = await signedIn(request) else { return loginPage() }
        let tenant = principal.key.map { $0.metadata["tenant"] ?? "" }
        let summaries = try await deps.knowledge.collections(tenant: tenant)
        var body = "<h2>Knowledge collections</h2>"
        guard !summaries.isEmpty else {
            return html("Knowledge", body + """
                <p class=muted>No collections yet. Add files with <code>strata ingest docs/ --collection handbook --create</code>
                or <code>POST /v1/strata/collections</code>.</p>
                """)
        }
        body += "<table><tr><th>collection</th><th>tenant</th><th>embedder</th><th class=num>documents</th><th class=num>chunks</th><th>created (UTC)</th></tr>"
        for summary in summaries {
            let c = summary.collection
            let link = "/console/collections/\(Self.component(c.name))?tenant=\(Self.component(c.tenant))"
            body += """
                <tr><td><a href="\(HTML.escape(link))">\(HTML.escape(c.name))</a></td><td>\(HTML.escape(c.tenant.isEmpty ? "(default)" : c.tenant))</td>
                <td>\(HTML.escape(c.embedder)) <span class=muted>(\(c.dimensions))</span></td>
                <td class=num>\(summary.documents)</td><td class=num>\(summary.chunks)</td><td>\(Self.timestamp(c.createdAt))</td></tr>
                """
        }
        return html("Knowledge", body + "</table>")
    }

    func collection(_ request: Request, name: String) async throws -> Response {
        guard let principal = await signedIn(request) else { return loginPage() }
        let parameters = request.uri.queryParameters
        let tenant = principal.key.map { $0.metadata["tenant"] ?? "" } ?? parameters.get("tenant") ?? ""
        let record = try await deps.knowledge.collection(named: name, tenant: tenant)
        let reader = principal.key.map { Principal(keyMetadata: $0.metadata) } ?? .admin
        let query = parameters.get("q") ?? ""
        var body = """
            <h2>\(HTML.escape(record.name)) <span class=muted>· \(HTML.escape(record.embedder)) · tenant \(HTML.escape(tenant.isEmpty ? "(default)" : tenant))</span></h2>
            <form method="get"><input type="hidden" name="tenant" value="\(HTML.escape(tenant))">
            <input name="q" size="50" placeholder="search as this key" value="\(HTML.escape(query))"> <button>Search</button></form>
            """
        if !query.trimmingCharacters(in: .whitespaces).isEmpty {
            let results = try await deps.knowledge.search(SearchRequest(query: query, k: 10), in: record, as: reader)
            body += "<h2>Results</h2>"
            if results.isEmpty { body += "<p class=muted>Nothing this key may read matches.</p>" }
            for (i, r) in results.enumerated() {
                let ranks = "vector #\(r.vectorRank.map(String.init) ?? "–"), keyword #\(r.keywordRank.map(String.init) ?? "–")"
                body += """
                    <p><b>[\(i + 1)] \(HTML.escape(r.title ?? r.documentID))</b> <span class=muted>\(HTML.escape(r.headings.joined(separator: " › ")))
                    · \(ranks) · score \(String(format: "%.4f", r.score))</span></p><pre>\(HTML.escape(r.text))</pre>
                    """
            }
        }
        let documents = try await deps.knowledge.documents(in: record, readableBy: reader, after: parameters.get("after"), limit: 100)
        body += "<h2>Documents this key may read</h2><table><tr><th>id</th><th>title</th><th class=num>chunks</th><th>owners</th><th>groups</th><th>labels</th><th>updated (UTC)</th></tr>"
        for d in documents {
            body += """
                <tr><td>\(HTML.escape(d.id))</td><td>\(HTML.escape(d.title ?? "–"))</td><td class=num>\(d.chunkCount)</td>
                <td>\(HTML.escape(d.access.owners.joined(separator: ", ")))</td><td>\(HTML.escape(d.access.groups.joined(separator: ", ")))</td>
                <td>\(HTML.escape(d.access.labels.joined(separator: ", ")))</td><td>\(Self.timestamp(d.updatedAt))</td></tr>
                """
        }
        body += "</table>"
        if documents.count == 100, let last = documents.last {
            body += "<p><a href=\"?tenant=\(HTML.escape(Self.component(tenant)))&after=\(HTML.escape(Self.component(last.id)))\">More →</a></p>"
        }
        return html(record.name, body)
    }

    static func component(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    static func timestamp(_ seconds: Double) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
