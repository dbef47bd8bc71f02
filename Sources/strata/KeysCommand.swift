import ArgumentParser
import Foundation
import StrataCore
import StrataGateway
import StrataStore

/// `strata keys …`: manage virtual keys directly in the store.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Create, list and revoke virtual API keys.",
        subcommands: [Create.self, List.self, Revoke.self])

    /// Options shared by the key subcommands.
    struct StoreOptions: ParsableArguments {
        @Option(name: .long, help: "Config file (its storage.database is used).")
        var config: String?

        @Option(name: .long, help: "SQLite database file (overrides the config).")
        var database: String?

        /// Opens the database; with `mustExist`, a missing file is an error instead of a new empty store.
        func openStore(mustExist: Bool = false) throws -> SQLiteStore {
            let path = try database ?? ConfigLocation(explicitPath: config).load().storage.database
            if mustExist && !FileManager.default.fileExists(atPath: path) {
                printError("strata: no database at \(path)")
                throw ExitCode(1)
            }
            return try SQLiteStore(path: path)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key; its secret is printed once.")

        @OptionGroup var store: StoreOptions

        @Option(name: .long, help: "A name for the key.")
        var name: String

        @Option(name: .long, help: "Comma-separated models the key may use (default: all).")
        var models: String?

        @Option(name: .long, help: "Days until the key expires.")
        var expiresInDays: Double?

        @Option(name: .long, help: "admin, developer, viewer or app (default: app, which may only call models).")
        var role: String = "app"

        func run() async throws {
            let time = SystemTimeSource()
            guard let keyRole = Role(rawValue: role) else {
                printError("strata: --role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
                throw ExitCode(2)
            }
            let authenticator = KeyAuthenticator(keys: try store.openStore(), masterKey: nil, time: time)
            let allowed = models?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
            let (record, secret) = try await authenticator.issue(
                name: name, allowedModels: allowed, metadata: [:], expiresAt: expiresInDays.map { time.now() + $0 * 86_400 },
                role: keyRole)
            print("created key \(record.id) (\(record.name))")
            print("secret (shown once): \(secret)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never their secrets).")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let keys = try await store.openStore().listKeys()
            if keys.isEmpty { print("no keys") }
            for key in keys {
                let state = key.revokedAt != nil ? "revoked" : "active"
                let models = key.allowedModels.isEmpty ? "all models" : key.allowedModels.joined(separator: ",")
                print("\(key.id)  \(key.displayPrefix)…  \(key.name)  \(key.role.rawValue)  \(state)  \(models)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by id.")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The key id (key_…).")
        var id: String

        func run() async throws {
            if try await store.openStore().revoke(id: id, at: SystemTimeSource().now()) {
                print("revoked \(id)")
            } else {
                printError("no active key \(id)")
                throw ExitCode(1)
            }
        }
    }
}
