/// Splits a Jinja template into text and tag tokens, applying whitespace control (`{%-`,
/// `-%}`) and the `trim_blocks` / `lstrip_blocks` options Hugging Face renders chat
/// templates with.
struct TemplateLexer {
    enum Piece: Equatable {
        case text(String)
        case expression([TemplateToken], offset: Int)
        case statement([TemplateToken], offset: Int)
    }

    static func pieces(_ source: String) throws(TemplateError) -> [Piece] {
        let s = Array(source.unicodeScalars)
        var out: [Piece] = []
        var text = String.UnicodeScalarView()
        var i = 0
        var trimNextLeading = false // from `-%}` / `-}}`
        var trimBlockNewline = false // trim_blocks: newline right after `%}`

        func flushText(stripRight: Bool, lstripBlock: Bool) {
            var t = Array(text)
            if stripRight {
                while let l = t.last, l.properties.isWhitespace { t.removeLast() }
            } else if lstripBlock {
                // lstrip_blocks: drop spaces/tabs between the line start and the block tag.
                var j = t.count
                while j > 0 && (t[j - 1] == " " || t[j - 1] == "\t") { j -= 1 }
                if j == 0 || t[j - 1] == "\n" { t.removeLast(t.count - j) }
            }
            if !t.isEmpty {
                var v = String.UnicodeScalarView()
                v.append(contentsOf: t)
                out.append(.text(String(v)))
            }
            text = String.UnicodeScalarView()
        }

        while i < s.count {
            if s[i] == "{", i + 1 < s.count, s[i + 1] == "{" || s[i + 1] == "%" || s[i + 1] == "#" {
                let kind = s[i + 1]
                let close: Unicode.Scalar = kind == "{" ? "}" : kind == "%" ? "%" : "#"
                let start = i
                var j = i + 2
                let stripLeft = j < s.count && s[j] == "-"
                if stripLeft || (j < s.count && s[j] == "+") { j += 1 }
                // Find the closing delimiter outside string literals.
                var k = j
                var quote: Unicode.Scalar? = nil
                var found = -1
                while k + 1 < s.count {
                    let ch = s[k]
                    if kind != "#" {
                        if let q = quote {
                            if ch == "\\" { k += 2; continue }
                            if ch == q { quote = nil }
                            k += 1; continue
                        }
                        if ch == "'" || ch == "\"" { quote = ch; k += 1; continue }
                    }
                    if ch == close && s[k + 1] == "}" { found = k; break }
                    k += 1
                }
                guard found >= 0 else { throw .syntax("unclosed tag", offset: start) }
                var bodyEnd = found
                let stripRight = bodyEnd > j && s[bodyEnd - 1] == "-"
                if stripRight || (bodyEnd > j && s[bodyEnd - 1] == "+") { bodyEnd -= 1 }
                flushText(stripRight: stripLeft, lstripBlock: kind != "{")
                var body = String.UnicodeScalarView()
                body.append(contentsOf: s[j ..< bodyEnd])
                i = found + 2
                trimNextLeading = stripRight
                trimBlockNewline = kind != "{" && !stripRight
                if kind == "#" { continue }
                let tokens = try TemplateToken.tokenize(String(body), offset: j)
                out.append(kind == "{" ? .expression(tokens, offset: start) : .statement(tokens, offset: start))
                continue
            }
            if trimNextLeading {
                if s[i].properties.isWhitespace { i += 1; continue }
                trimNextLeading = false
            }
            if trimBlockNewline {
                trimBlockNewline = false
                if s[i] == "\n" { i += 1; continue }
            }
            text.append(s[i])
            i += 1
        }
        flushText(stripRight: false, lstripBlock: false)
        return out
    }
}

/// A token inside `{{ }}` or `{% %}`.
enum TemplateToken: Equatable {
    case name(String)
    case string(String)
    case int(Int)
    case double(Double)
    case op(String)

    static func tokenize(_ src: String, offset: Int) throws(TemplateError) -> [TemplateToken] {
        let s = Array(src.unicodeScalars)
        var out: [TemplateToken] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            if c.properties.isWhitespace { i += 1; continue }
            if c == "'" || c == "\"" {
                var v = String.UnicodeScalarView()
                var j = i + 1
                while j < s.count && s[j] != c {
                    if s[j] == "\\", j + 1 < s.count {
                        j += 1
                        switch s[j] {
                        case "n": v.append("\n")
                        case "t": v.append("\t")
                        case "r": v.append("\r")
                        default: v.append(s[j])
                        }
                    } else {
                        v.append(s[j])
                    }
                    j += 1
                }
                guard j < s.count else { throw .syntax("unterminated string", offset: offset + i) }
                out.append(.string(String(v)))
                i = j + 1
                continue
            }
            if c.properties.numericType != nil && c.value < 128 {
                var j = i
                while j < s.count && s[j].value < 128 && (s[j].properties.numericType != nil || s[j] == "_") { j += 1 }
                var isDouble = false
                if j + 1 < s.count && s[j] == "." && s[j + 1].value < 128 && s[j + 1].properties.numericType != nil {
                    isDouble = true
                    j += 1
                    while j < s.count && s[j].value < 128 && s[j].properties.numericType != nil { j += 1 }
                }
                var v = String.UnicodeScalarView()
                v.append(contentsOf: s[i ..< j].filter { $0 != "_" })
                let text = String(v)
                if isDouble { out.append(.double(Double(text) ?? 0)) } else { out.append(.int(Int(text) ?? 0)) }
                i = j
                continue
            }
            if c == "_" || c.properties.isAlphabetic {
                var j = i
                while j < s.count && (s[j] == "_" || s[j].properties.isAlphabetic || (s[j].value < 128 && s[j].properties.numericType != nil)) { j += 1 }
                var v = String.UnicodeScalarView()
                v.append(contentsOf: s[i ..< j])
                out.append(.name(String(v)))
                i = j
                continue
            }
            let two = i + 1 < s.count ? String(String.UnicodeScalarView([c, s[i + 1]])) : ""
            if ["==", "!=", "<=", ">=", "//", "**"].contains(two) {
                out.append(.op(two)); i += 2; continue
            }
            if "+-*/%~<>()[]{}.,|:=".unicodeScalars.contains(c) {
                out.append(.op(String(c))); i += 1; continue
            }
            throw .syntax("unexpected character \(c)", offset: offset + i)
        }
        return out
    }
}
