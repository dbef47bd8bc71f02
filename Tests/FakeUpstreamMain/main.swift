import Foundation
import StrataTestSupport

// `strata-fake-upstream [--port N] [--reply TEXT]`: the in-process fake upstream as a
// process, for end-to-end tests and the gateway benchmark. Prints `listening on PORT`.
var port = 0
var reply = "Hello from the fake upstream"
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--port": port = Int(arguments.next() ?? "") ?? 0
    case "--reply": reply = arguments.next() ?? reply
    default:
        FileHandle.standardError.write(Data("usage: strata-fake-upstream [--port N] [--reply TEXT]\n".utf8))
        exit(2)
    }
}
let upstream = FakeUpstream(reply: reply, port: port)
try await upstream.start()
FileHandle.standardOutput.write(Data("listening on \(upstream.port)\n".utf8))
while true {
    try await Task.sleep(nanoseconds: 3_600_000_000_000)
}
