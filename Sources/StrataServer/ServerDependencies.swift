import Foundation
import HTTPTypes
import Hummingbird
import Logging
import StrataCore
import StrataGateway
import StrataStore

/// Everything the routes need, built once by `StrataServer` and passed in.
struct ServerDependencies: Sendable {
    let pipeline: ChatPipeline
    let embeddings: EmbeddingPipeline
    let completions: CompletionPipeline
    let authenticator: KeyAuthenticator
    let store: SQLiteStore
    let metrics: GatewayMetrics
    let decoding: RequestDecoding
    let time: any TimeSource
    let logger: Logger
    let audit: AuditLog

    var router: ChatRouter { pipeline.router }
    var catalog: ModelCatalog { pipeline.router.catalog.catalog }

    /// The caller, from `Authorization: Bearer`, `x-api-key` (Anthropic clients) or `api-key` (Azure clients).
    func principal(of request: Request) async throws -> KeyAuthenticator.Principal {
        try await authenticator.authenticate(bearer: Self.token(of: request))
    }

    /// The caller, if its role allows `permission`; 403 naming the role otherwise.
    func require(_ permission: Role.Permission, _ request: Request) async throws -> KeyAuthenticator.Principal {
        let principal = try await principal(of: request)
        guard principal.allows(permission) else {
            throw StrataError.forbidden("A key with role '\(principal.role.rawValue)' may not do this.")
        }
        return principal
    }

    static func token(of request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let trimmed = header.trimmingCharacters(in: .whitespaces)
            if trimmed.lowercased().hasPrefix("bearer ") {
                return String(trimmed.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            }
            return trimmed
        }
        if let name = HTTPField.Name("x-api-key"), let key = request.headers[name] { return key }
        if let name = HTTPField.Name("api-key"), let key = request.headers[name] { return key }
        return nil
    }

    func context(for request: Request, endpoint: String, principal: KeyAuthenticator.Principal, body: String? = nil) -> CallContext {
        CallContext(traceID: Identifier.make(prefix: "trace_", length: 20), endpoint: endpoint, startedAt: time.now(),
                    key: principal.key, isAdmin: principal.isAdmin, rawRequestBody: body)
    }
}

extension HTTPField.Name {
    static let traceID = HTTPField.Name("x-strata-trace-id")!
}

extension HTTPFields {
    /// The trace id header plus extra `(name, value)` pairs (names that are not valid are skipped).
    init(traceID: String, extra: [(String, String)]) {
        self = [.traceID: traceID]
        for (name, value) in extra {
            if let field = HTTPField.Name(name) { self.append(HTTPField(name: field, value: value)) }
        }
    }
}
