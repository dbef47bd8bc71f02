import Foundation

/// Lays out text extracted from HTML: collapses inline whitespace, turns block boundaries
/// into line or paragraph breaks, and puts Markdown prefixes (`## `, `- `) in front of the
/// first word of a heading or list item. Breaks and prefixes wait until text arrives, so
/// empty elements leave no blank lines behind.
struct HTMLTextWriter {
    private var output = ""
    /// 0 none, 1 newline, 2 blank line.
    private var pendingBreak = 0
    private var pendingSeparator: String?
    private var pendingPrefix = ""
    private var lineHasContent = false
    private var preDepth = 0
    private var atPreStart = false

    var text: String {
        var result = Substring(output)
        while let last = result.last, last.isWhitespace { result = result.dropLast() }
        return String(result)
    }

    /// Block boundary: `level` 1 starts a new line, 2 leaves a blank line.
    mutating func requestBreak(_ level: Int) {
        pendingBreak = max(pendingBreak, level)
    }

    /// `<br>`: unlike block boundaries, two in a row leave a blank line.
    mutating func lineBreakTag() {
        if preDepth > 0 {
            atPreStart = false
            write("\n")
        } else if !output.isEmpty {
            pendingBreak = min(pendingBreak + 1, 2)
        }
    }

    /// Written before the next text on its line; replaced if another comes first.
    mutating func setPrefix(_ prefix: String) {
        pendingPrefix = prefix
    }

    /// Drops a prefix no text has used (an empty `<li>`), so it does not land on the next block.
    mutating func clearPrefix() {
        pendingPrefix = ""
    }

    /// Table cell boundary: ` | ` between cells of one row.
    mutating func cellSeparator() {
        if lineHasContent, pendingBreak == 0 { pendingSeparator = " | " }
    }

    mutating func beginPre() {
        preDepth += 1
        atPreStart = true
    }

    mutating func endPre() {
        preDepth = max(0, preDepth - 1)
        atPreStart = false
    }

    /// Decoded text. Inside `<pre>` it is kept as is (less a newline right after `<pre>`);
    /// elsewhere whitespace runs become one space and leading whitespace on a line is dropped.
    mutating func write(_ text: String) {
        if preDepth > 0 {
            writeVerbatim(text)
            return
        }
        for character in text {
            if character.isWhitespace {
                if pendingSeparator == nil { pendingSeparator = " " }
            } else {
                flush()
                output.append(character)
                lineHasContent = true
            }
        }
    }

    private mutating func writeVerbatim(_ text: String) {
        var text = Substring(text)
        if atPreStart {
            atPreStart = false
            if text.first == "\n" { text = text.dropFirst() }
        }
        guard !text.isEmpty else { return }
        flush()
        output += text.replacingOccurrences(of: "\u{A0}", with: " ")
        lineHasContent = output.last != "\n"
    }

    /// Emits what is pending before new text: the break (counting newlines already
    /// written, e.g. at the end of a `<pre>`), or the inline separator, then the prefix.
    private mutating func flush() {
        if pendingBreak > 0 {
            if !output.isEmpty {
                let trailingNewlines = output.reversed().prefix(2).prefix(while: { $0 == "\n" }).count
                output += String(repeating: "\n", count: max(0, pendingBreak - trailingNewlines))
            }
            pendingBreak = 0
            lineHasContent = false
        } else if let separator = pendingSeparator, lineHasContent {
            output += separator
        }
        pendingSeparator = nil
        if !pendingPrefix.isEmpty {
            output += pendingPrefix
            pendingPrefix = ""
            lineHasContent = true
        }
    }
}
