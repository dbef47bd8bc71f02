/// One server-sent event.
public struct SSEEvent: Sendable, Hashable {
    public var event: String?
    public var data: String

    public init(event: String? = nil, data: String) {
        self.event = event
        self.data = data
    }
}

/// Incremental parser for `text/event-stream`: feed bytes as they arrive, get whole events.
/// Handles `\n`, `\r\n` and `\r` line ends, multi-line `data:`, comments and events split
/// across network reads.
public struct SSEParser: Sendable {
    private var buffer: [UInt8] = []
    private var event: String?
    private var dataLines: [String] = []
    private var lastWasCR = false

    public init() {}

    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [SSEEvent] where Bytes.Element == UInt8 {
        var events: [SSEEvent] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if lastWasCR { lastWasCR = false; continue }
                endLine(into: &events)
            } else if byte == UInt8(ascii: "\r") {
                lastWasCR = true
                endLine(into: &events)
            } else {
                lastWasCR = false
                buffer.append(byte)
            }
        }
        return events
    }

    /// Flushes an event left without its closing blank line when the stream ends.
    public mutating func finish() -> [SSEEvent] {
        var events: [SSEEvent] = []
        if !buffer.isEmpty { endLine(into: &events) }
        endLine(into: &events)
        return events
    }

    private mutating func endLine(into events: inout [SSEEvent]) {
        defer { buffer.removeAll(keepingCapacity: true) }
        if buffer.isEmpty {
            if !dataLines.isEmpty || event != nil {
                events.append(SSEEvent(event: event, data: dataLines.joined(separator: "\n")))
            }
            event = nil
            dataLines.removeAll()
            return
        }
        let line = String(decoding: buffer, as: UTF8.self)
        if line.hasPrefix(":") { return }
        let field: Substring
        var value: Substring
        if let colon = line.firstIndex(of: ":") {
            field = line[..<colon]
            value = line[line.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
        } else {
            field = Substring(line)
            value = ""
        }
        switch field {
        case "data": dataLines.append(String(value))
        case "event": event = String(value)
        default: break
        }
    }
}
