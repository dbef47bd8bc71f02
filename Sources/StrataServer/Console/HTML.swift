/// Tiny helpers for the server-rendered console: escaping and the page frame.
enum HTML {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) · Strata</title>
        <style>
        body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
        header{background:#1d2430;color:#fff;padding:10px 24px;display:flex;gap:24px;align-items:baseline}
        header a{color:#cfd8e3;text-decoration:none} header strong{font-size:16px}
        main{padding:16px 24px;max-width:1200px} h2{font-size:15px;margin:24px 0 8px}
        table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #dde2e8}
        th,td{padding:6px 8px;border-bottom:1px solid #eef1f4;text-align:left;white-space:nowrap}
        th{background:#f0f3f6;font-weight:600} td.num{text-align:right;font-variant-numeric:tabular-nums}
        .bad{color:#b42318;font-weight:600} .ok{color:#067647} .muted{color:#6b7785}
        pre{background:#fff;border:1px solid #dde2e8;padding:12px;overflow:auto;white-space:pre-wrap}
        .cards{display:flex;gap:12px} .card{background:#fff;border:1px solid #dde2e8;padding:10px 16px;min-width:140px}
        .card b{display:block;font-size:20px}
        </style></head><body>
        <header><strong>Strata</strong><a href="/">Overview</a><a href="/console/traces">Traces</a><a href="/console/inbox">Inbox</a><a href="/console/collections">Knowledge</a>
        <a href="/openapi.json">API</a><a href="/metrics">Metrics</a></header>
        <main>\(body)</main></body></html>
        """
    }
}
