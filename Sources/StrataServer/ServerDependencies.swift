import Foundation
import HTTPTypes
import Hummingbird
import Logging
import StrataCore
import StrataGateway
import StrataKnowledge
import StrataProviders
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
    let knowledge: KnowledgeBase
    let embedders: GatewayEmbedders
    let tally: AuditTally
    let localModels: LocalModelCache

    var router: ChatRouter { pipeline.router }
    var catalog: ModelCatalog { pipeline.router.catalog.catalog }

    /// The caller, from `Authorization: Bearer`, `x-api-key` (Anthropic clients) or `api-key` (Azure clients).
    func principal(of request: Request) async throws -> KeyAuthenticator.Principal {
        let principal = try await authenticator.authenticate(bearer: Self.token(of: request))
        if let key = principal.key { await tally.noteUse(of: key) }
        return principal
    }

    /// The caller, if its role allows `permission`; 403 naming the role otherwise.
    func require(_ permission: Role.Permission, _ request: Request) async throws -> KeyAuthenticator.Principal {
        let principal = try await principal(of: request)
        guard principal.allows(permission) else {
            throw StrataError.forbidden("A key with role '\(principal.role.rawValue)' may not do this.")
        }
        return principal
    }

    /// Whom retrieval searches as: the key's tenant, user, groups and clearances (the master
    /// key reads everything), narrowed to an end user by a valid signed `X-Strata-Principal`.
    ///
    /// A key with `trust_user_field: "true"` metadata may instead name the user in the body's
    /// `user` field; groups and clearances then come from `auth.users` in the config.
    func readingPrincipal(of request: Request, caller: KeyAuthenticator.Principal, user: String? = nil) throws -> Principal {
        let base = caller.key.map { Principal(keyMetadata: $0.metadata) } ?? .admin
        guard let value = request.headers[.strataPrincipal] else {
            guard let user, !user.isEmpty, let key = caller.key, key.metadata["trust_user_field"] == "true" else { return base }
            let entry = catalog.config.auth.users[user]
            return Principal(tenant: base.tenant, user: user, groups: Set(entry?.groups ?? []),
                             clearances: Set(entry?.clearances ?? []))
        }
        guard let secret = catalog.config.auth.principalSecret else {
            throw StrataError.invalidField("X-Strata-Principal",
                                           "X-Strata-Principal needs auth.principal_secret in the server config.")
        }
        guard let signature = request.headers[.strataSignature] else {
            throw StrataError(status: 401, type: "authentication_error", code: "invalid_principal_signature",
                              message: "X-Strata-Principal must come with X-Strata-Signature.")
        }
        let claims = try SignedPrincipal.verify(value: value, signature: signature, secret: secret, now: time.now())
        if caller.key != nil, let claimed = claims.tenant, claimed != base.tenant {
            throw StrataError.forbidden("X-Strata-Principal names tenant '\(claimed)', but this key belongs to another tenant.")
        }
        return Principal(tenant: caller.key == nil ? claims.tenant ?? "" : base.tenant, user: claims.user,
                         groups: Set(claims.groups ?? []), clearances: Set(claims.clearances ?? []))
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

    func context(for request: Request, endpoint: String, principal: KeyAuthenticator.Principal, body: String? = nil,
                 user: String? = nil) throws -> CallContext {
        var context = CallContext(traceID: Identifier.make(prefix: "trace_", length: 20), endpoint: endpoint, startedAt: time.now(),
                                  key: principal.key, isAdmin: principal.isAdmin, rawRequestBody: body)
        context.reader = try readingPrincipal(of: request, caller: principal, user: user)
        return context
    }
}

extension HTTPField.Name {
    static let traceID = HTTPField.Name("x-strata-trace-id")!
    static let strataPrincipal = HTTPField.Name("x-strata-principal")!
    static let strataSignature = HTTPField.Name("x-strata-signature")!
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
