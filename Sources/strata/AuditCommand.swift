import ArgumentParser
import Foundation
import StrataGateway
import StrataGuard
import StrataStore

/// `strata audit verify`: checks that no audit row was edited, deleted or reordered.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Work with the tamper-evident audit log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify every hash link of the audit log; exits 1 and names the first bad row when it was tampered with.")

        @OptionGroup var store: KeysCommand.StoreOptions

        func run() async throws {
            switch try await AuditLog.verify(try store.openStore(mustExist: true)) {
            case .valid(let count, let lastHash):
                print("audit log ok: \(count) records, last hash \(lastHash)")
            case .broken(let index, let sequence, let problem):
                printError("audit log broken at record \(index + 1)\(sequence.map { " (sequence \($0))" } ?? ""): \(problem)")
                throw ExitCode(1)
            }
        }
    }
}
