import Foundation

/// A one-line progress display on standard error: redrawn in place on a terminal, and
/// printed at most every few seconds (as plain lines) when stderr is a file or pipe.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private var lastDraw = Date.distantPast
    private var lastWidth = 0

    /// `force` draws even if one was drawn a moment ago (use for the final state).
    func update(_ text: String, force: Bool = false) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        let interval = isTerminal ? 0.1 : 5
        guard force || now.timeIntervalSince(lastDraw) >= interval else { return }
        lastDraw = now
        if isTerminal {
            let padding = String(repeating: " ", count: max(0, lastWidth - text.count))
            FileHandle.standardError.write(Data(("\r" + text + padding).utf8))
            lastWidth = text.count
        } else {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }

    /// Ends the line so the next output starts on its own.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if isTerminal && lastWidth > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
        lastWidth = 0
    }

    /// `[#######.............] 35%`
    static func bar(_ done: Int, of total: Int, width: Int = 24) -> String {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let filled = Int((fraction * Double(width)).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            + String(format: "%3d%%", Int(fraction * 100))
    }
}
