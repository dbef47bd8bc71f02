/// A run of a document under one markdown heading path; the unit chunks never cross.
struct MarkdownSection: Equatable {
    var range: Range<Int>
    var headings: [String]

    /// Splits UTF-8 text at ATX headings (`#` to `######` then a space) outside fenced code
    /// blocks. A section holding nothing but its heading is merged into the next one, so a
    /// title directly followed by a subtitle does not become a chunk of its own.
    static func split(_ bytes: [UInt8]) -> [MarkdownSection] {
        var sections: [MarkdownSection] = []
        var stack: [(level: Int, title: String)] = []
        var start = 0
        var sectionHasBody = false
        var inFence = false
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let line = bytes[lineStart..<lineEnd]
            let trimmed = line.drop { $0 == UInt8(ascii: " ") }
            if trimmed.starts(with: Array("```".utf8)) || trimmed.starts(with: Array("~~~".utf8)) {
                inFence.toggle()
                sectionHasBody = true
            } else if !inFence, line.count - trimmed.count <= 3, let (level, title) = heading(trimmed) {
                if lineStart > start && sectionHasBody {
                    sections.append(MarkdownSection(range: start..<lineStart, headings: stack.map(\.title)))
                    start = lineStart
                }
                while let last = stack.last, last.level >= level { stack.removeLast() }
                stack.append((level, title))
                sectionHasBody = false
            } else if trimmed.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\r") }) {
                sectionHasBody = true
            }
            lineStart = lineEnd + 1
        }
        if start < bytes.count {
            sections.append(MarkdownSection(range: start..<bytes.count, headings: stack.map(\.title)))
        }
        return sections
    }

    private static func heading(_ line: ArraySlice<UInt8>) -> (Int, String)? {
        let level = line.prefix { $0 == UInt8(ascii: "#") }.count
        guard level >= 1, level <= 6 else { return nil }
        let rest = line.dropFirst(level)
        guard rest.isEmpty || rest.first == UInt8(ascii: " ") || rest.first == UInt8(ascii: "\t") else { return nil }
        // Closing hashes ("## Title ##") and surrounding blanks are not part of the title.
        let unwanted: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "#")]
        var title = rest[...]
        while let first = title.first, unwanted.contains(first) { title = title.dropFirst() }
        while let last = title.last, unwanted.contains(last) { title = title.dropLast() }
        return (level, String(decoding: title, as: UTF8.self))
    }
}
