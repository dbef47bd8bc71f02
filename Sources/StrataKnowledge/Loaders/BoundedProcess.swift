import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs an external command to completion with a time limit; past it the process is
/// killed by its PID. Output pipes are drained while it runs so a chatty tool cannot block
/// on a full pipe.
enum BoundedProcess {
    struct Output: Sendable {
        var status: Int32
        var standardOutput: Data
        var standardError: Data
    }

    enum Failure: Error, Sendable, Equatable {
        case launchFailed(String)
        case timedOut
    }

    static func run(
        executable: String, arguments: [String], environment: [String: String], timeout: Duration
    ) throws(Failure) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw .launchFailed(error.localizedDescription)
        }
        let output = PipeDrain(outputPipe.fileHandleForReading)
        let errors = PipeDrain(errorPipe.fileHandleForReading)
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = max(0, seconds) * 1_000_000_000 + attoseconds / 1_000_000_000
        if exited.wait(timeout: .now() + .nanoseconds(Int(nanoseconds))) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
            // The drains are not joined: a grandchild holding the pipe open would stall us
            // past the limit. They end on their own when the last writer closes.
            throw .timedOut
        }
        return Output(status: process.terminationStatus, standardOutput: output.wait(), standardError: errors.wait())
    }
}

/// Reads a pipe to its end on a background queue; `wait()` joins it.
private final class PipeDrain: Sendable {
    private let data = Mutex(Data())
    private let finished = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        DispatchQueue.global().async { [self] in
            let bytes = handle.readDataToEndOfFile()
            data.withLock { $0 = bytes }
            finished.signal()
        }
    }

    func wait() -> Data {
        finished.wait()
        return data.withLock { $0 }
    }
}
