/// Walks HTML tokens and keeps what a reader sees: body text laid out by `HTMLTextWriter`
/// with headings as Markdown, plus the page title and meta description. Head content,
/// scripts, styles, templates and comments are dropped.
struct HTMLTextExtractor {
    private(set) var title: String?
    private(set) var description: String?
    private(set) var text = ""

    /// Block elements that separate paragraphs (a blank line), and those that only start a
    /// new line. Inside lists both start a new line so items stay together.
    static let paragraphElements: Set<String> = [
        "p", "blockquote", "table", "section", "article", "header", "footer", "main", "nav", "aside",
        "figure", "form", "hr", "details", "fieldset", "address", "dl", "body",
    ]
    static let lineElements: Set<String> = [
        "div", "tr", "dt", "dd", "caption", "figcaption", "summary", "thead", "tbody", "tfoot", "legend",
    ]
    /// Elements that may appear in `<head>`; any other start tag means the body has begun.
    static let headElements: Set<String> = [
        "html", "head", "title", "meta", "link", "style", "script", "base", "noscript", "template",
    ]

    private var writer = HTMLTextWriter()
    private var inHead = false
    private var rawTextElement: String?
    private var listDepth = 0
    private var headingOpen = false
    private var firstHeading: String?
    private var headingCapture: String?

    init(html: String) {
        var tokenizer = HTMLTokenizer(html)
        while let token = tokenizer.next() { handle(token) }
        finishHeading()
        text = writer.text
        title = title ?? firstHeading
    }

    private mutating func handle(_ token: HTMLToken) {
        let rawElement = rawTextElement
        rawTextElement = nil
        switch token {
        case .text(let raw):
            if let rawElement {
                if rawElement == "title", title == nil { title = DocumentTitle.clipped(HTMLEntities.decode(raw)) }
                return
            }
            if inHead {
                if raw.allSatisfy(\.isWhitespace) { return }
                inHead = false
            }
            let decoded = HTMLEntities.decode(raw)
            writer.write(decoded)
            headingCapture?.append(decoded)
        case .startTag(let name, let attributes, let selfClosing):
            if !selfClosing, HTMLTokenizer.rawTextElements.contains(name) { rawTextElement = name }
            start(name, attributes: attributes)
        case .endTag(let name):
            end(name)
        case .comment, .doctype:
            break
        }
    }

    private mutating func start(_ name: String, attributes: [String: String]) {
        if name == "head" {
            inHead = true
            return
        }
        if inHead, !Self.headElements.contains(name) { inHead = false }
        if name == "meta", description == nil, attributes["name"]?.lowercased() == "description" {
            description = attributes["content"].flatMap(DocumentTitle.collapsed)
        }
        if let level = Self.headingLevel(name) {
            finishHeading()
            writer.requestBreak(2)
            writer.setPrefix(String(repeating: "#", count: level) + " ")
            headingOpen = true
            if level == 1, firstHeading == nil { headingCapture = "" }
            return
        }
        switch name {
        case "br":
            if headingOpen { writer.write(" ") } else { writer.lineBreakTag() }
        case "ul", "ol":
            finishHeading()
            listDepth += 1
            writer.requestBreak(listDepth > 1 ? 1 : 2)
        case "li":
            finishHeading()
            writer.requestBreak(1)
            writer.setPrefix(String(repeating: "  ", count: max(0, listDepth - 1)) + "- ")
        case "td", "th":
            writer.cellSeparator()
        case "pre":
            finishHeading()
            writer.requestBreak(listDepth > 0 ? 1 : 2)
            writer.beginPre()
        default:
            if Self.paragraphElements.contains(name) {
                finishHeading()
                writer.requestBreak(listDepth > 0 ? 1 : 2)
            } else if Self.lineElements.contains(name) {
                finishHeading()
                writer.requestBreak(1)
            }
        }
    }

    private mutating func end(_ name: String) {
        if Self.headingLevel(name) != nil {
            finishHeading()
            return
        }
        switch name {
        case "head":
            inHead = false
        case "ul", "ol":
            listDepth = max(0, listDepth - 1)
            writer.requestBreak(listDepth > 0 ? 1 : 2)
        case "li":
            writer.clearPrefix()
            writer.requestBreak(1)
        case "pre":
            writer.endPre()
            writer.requestBreak(listDepth > 0 ? 1 : 2)
        default:
            if Self.paragraphElements.contains(name) {
                writer.requestBreak(listDepth > 0 ? 1 : 2)
            } else if Self.lineElements.contains(name) {
                writer.requestBreak(1)
            }
        }
    }

    /// Ends the open heading at its end tag or, when it was left unclosed, at the next block.
    private mutating func finishHeading() {
        guard headingOpen else { return }
        headingOpen = false
        writer.clearPrefix()
        writer.requestBreak(2)
        if let captured = headingCapture {
            firstHeading = DocumentTitle.clipped(captured)
            headingCapture = nil
        }
    }

    private static func headingLevel(_ name: String) -> Int? {
        guard name.count == 2, name.first == "h", let level = name.last?.wholeNumberValue, (1...6).contains(level) else {
            return nil
        }
        return level
    }
}
