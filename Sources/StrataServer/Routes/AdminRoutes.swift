import Foundation
import HTTPTypes
import Hummingbird
import StrataCore
import StrataGateway
import StrataStore

/// `/admin/…`: virtual keys, runtime prices, deployment health. Master key only.
struct AdminRoutes: Sendable {
    let deps: ServerDependencies

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.post("/admin/keys") { request, _ in try await createKey(request) }
        router.get("/admin/keys") { request, _ in try await listKeys(request) }
        router.delete("/admin/keys/{id}") { request, context in
            try await revokeKey(request, id: context.parameters.decoded("id"))
        }
        router.get("/admin/prices") { request, _ in try await prices(request) }
        router.put("/admin/prices/{deployment}") { request, context in
            try await setPrice(request, deployment: context.parameters.decoded("deployment"))
        }
        router.get("/admin/deployments") { request, _ in try await deployments(request) }
        router.get("/admin/audit") { request, _ in try await audit(request) }
    }

    /// Body of `POST /admin/keys`.
    struct CreateKey: Decodable {
        var name: String
        var models: [String]?
        var metadata: [String: String]?
        var expiresInDays: Double?
        var role: Role?
        /// Who the key belongs to; stored in its metadata, which these fields override.
        var tenant: String?
        var user: String?
        var groups: [String]?
        var clearances: [String]?

        enum CodingKeys: String, CodingKey {
            case name, models, metadata, role, tenant, user, groups, clearances
            case expiresInDays = "expires_in_days"
        }

        /// The metadata to store: the free-form map plus the identity fields.
        var identity: [String: String] {
            var result = metadata ?? [:]
            if let tenant { result["tenant"] = tenant }
            if let user { result["user"] = user }
            if let groups { result["groups"] = groups.joined(separator: ",") }
            if let clearances { result["clearances"] = clearances.joined(separator: ",") }
            return result
        }
    }

    /// A key manager that is not an admin can only hand out the read access it has itself:
    /// groups and clearances it holds, and never `trust_user_field` (which lets a key name any
    /// user). Otherwise a developer could mint a key that reads every confidential document.
    static func checkGrants(_ metadata: [String: String], by principal: KeyAuthenticator.Principal) throws {
        guard !principal.isAdmin else { return }
        let own = principal.key.map { Principal(keyMetadata: $0.metadata) } ?? Principal()
        let asked = Principal(keyMetadata: metadata)
        let extraGroups = asked.groups.subtracting(own.groups)
        let extraClearances = asked.clearances.subtracting(own.clearances)
        if !extraGroups.isEmpty || !extraClearances.isEmpty {
            let names = (extraGroups.map { "group \($0)" } + extraClearances.map { "clearance \($0)" }).sorted()
            throw StrataError.forbidden("Only an admin may grant what this key does not hold: \(names.joined(separator: ", ")).")
        }
        if metadata["trust_user_field"] != nil {
            throw StrataError.forbidden("Only an admin may create keys with trust_user_field.")
        }
    }

    /// The tenant a key manager is confined to: its own, if its key has one (the master key
    /// and tenant-less admin keys manage every tenant).
    static func confinement(_ principal: KeyAuthenticator.Principal) -> String? {
        principal.key?.metadata["tenant"]
    }

    /// A key as shown by the API: never the secret, except once at creation.
    struct KeyView: Encodable {
        var id: String
        var name: String
        var key: String?
        var prefix: String
        var models: [String]
        var metadata: [String: String]
        var role: Role
        var createdAt: Double
        var expiresAt: Double?
        var revokedAt: Double?

        init(_ record: APIKeyRecord, secret: String? = nil) {
            role = record.role
            id = record.id
            name = record.name
            key = secret
            prefix = record.displayPrefix
            models = record.allowedModels
            metadata = record.metadata
            createdAt = record.createdAt
            expiresAt = record.expiresAt
            revokedAt = record.revokedAt
        }

        enum CodingKeys: String, CodingKey {
            case id, name, key, prefix, models, metadata, role
            case createdAt = "created_at"
            case expiresAt = "expires_at"
            case revokedAt = "revoked_at"
        }
    }

    func createKey(_ request: Request) async throws -> Response {
        let principal = try await deps.require(.manageKeys, request)
        let body = try await deps.decoding.decode(CreateKey.self, from: request)
        let role = body.role ?? .app
        if role == .admin && !principal.allows(.createAdminKeys) {
            throw StrataError.forbidden("Only an admin may create admin keys.")
        }
        if body.name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw StrataError.invalidField("name", "'name' must not be empty.")
        }
        let known = Set(deps.catalog.modelNames)
        for model in body.models ?? [] where !known.contains(model) {
            throw StrataError.invalidField("models", "Unknown model '\(model)'. Configured: \(known.sorted().joined(separator: ", ")).")
        }
        if let days = body.expiresInDays, days <= 0 {
            throw StrataError.invalidField("expires_in_days", "'expires_in_days' must be positive.")
        }
        var metadata = body.identity
        try Self.checkGrants(metadata, by: principal)
        if let own = Self.confinement(principal) {
            // A tenant's key manager makes keys of its tenant only.
            if let asked = metadata["tenant"], asked != own {
                throw StrataError.forbidden("A key of tenant '\(own)' may only create keys of that tenant.")
            }
            metadata["tenant"] = own
        }
        let expiresAt = body.expiresInDays.map { deps.time.now() + $0 * 86_400 }
        let (record, secret) = try await deps.authenticator.issue(
            name: body.name, allowedModels: body.models ?? [], metadata: metadata, expiresAt: expiresAt, role: role)
        deps.logger.info("key created", metadata: ["id": "\(record.id)", "name": "\(record.name)"])
        await deps.audit.record(actor: Self.actor(principal), action: "key.create", subject: "key:\(record.id)",
                                details: ["name": record.name, "role": record.role.rawValue, "tenant": record.metadata["tenant"] ?? "",
                                          "models": record.allowedModels.joined(separator: ",")])
        return JSONResponse.make(KeyView(record, secret: secret), status: .created)
    }

    func listKeys(_ request: Request) async throws -> Response {
        let principal = try await deps.require(.manageKeys, request)
        var keys = try await deps.store.listKeys()
        if let own = Self.confinement(principal) { keys = keys.filter { $0.metadata["tenant"] == own } }
        return JSONResponse.make(["data": keys.map { KeyView($0) }])
    }

    func revokeKey(_ request: Request, id: String) async throws -> Response {
        let principal = try await deps.require(.manageKeys, request)
        let target = try await deps.store.key(id: id)
        if let own = Self.confinement(principal), target?.metadata["tenant"] != own {
            // Another tenant's key is not even acknowledged.
            throw StrataError.notFound("Key '\(id)' (or it is already revoked)")
        }
        if let target, target.role == .admin, !principal.allows(.createAdminKeys) {
            throw StrataError.forbidden("Only an admin may revoke admin keys.")
        }
        guard try await deps.store.revoke(id: id, at: deps.time.now()) else {
            throw StrataError.notFound("Key '\(id)' (or it is already revoked)")
        }
        deps.logger.info("key revoked", metadata: ["id": "\(id)"])
        await deps.audit.record(actor: Self.actor(principal), action: "key.revoke", subject: "key:\(id)")
        guard let record = try await deps.store.key(id: id) else { throw StrataError.notFound("Key '\(id)'") }
        return JSONResponse.make(KeyView(record))
    }

    /// Who did it, for the audit log: the key's name and role, or the master key.
    static func actor(_ principal: KeyAuthenticator.Principal) -> String {
        principal.key.map { "key:\($0.name) (\($0.role.rawValue))" } ?? "master"
    }

    func prices(_ request: Request) async throws -> Response {
        _ = try await deps.require(.readOperations, request)
        var result: [String: Price] = [:]
        for deployment in deps.catalog.allDeployments {
            if let price = deps.router.prices.price(of: deployment) { result[deployment.id] = price }
        }
        return JSONResponse.make(["data": result])
    }

    func setPrice(_ request: Request, deployment: String) async throws -> Response {
        let principal = try await deps.require(.setPrices, request)
        guard deps.catalog.allDeployments.contains(where: { $0.id == deployment }) else {
            throw StrataError.notFound("Deployment '\(deployment)'")
        }
        let price = try await deps.decoding.decode(Price.self, from: request)
        if price.input < 0 || price.output < 0 {
            throw StrataError.invalidField("input", "Prices must not be negative.")
        }
        deps.router.prices.set(price, for: deployment)
        try await deps.store.upsert(PriceOverride(deployment: deployment, input: price.input, output: price.output,
                                                  updatedAt: deps.time.now()))
        deps.logger.info("price updated", metadata: ["deployment": "\(deployment)", "input": "\(price.input)",
                                                     "output": "\(price.output)"])
        await deps.audit.record(actor: Self.actor(principal), action: "price.set", subject: "deployment:\(deployment)",
                                details: ["input": String(price.input), "output": String(price.output)])
        return JSONResponse.make(price)
    }

    /// One deployment's health for the admin view.
    struct DeploymentView: Encodable {
        var id: String
        var model: String
        var provider: String
        var coolingDown: Bool
        var consecutiveFailures: Int
        var inFlight: Int
        var latencyMs: Double?
        var successes: Int
        var failures: Int

        enum CodingKeys: String, CodingKey {
            case id, model, provider, successes, failures
            case coolingDown = "cooling_down"
            case consecutiveFailures = "consecutive_failures"
            case inFlight = "in_flight"
            case latencyMs = "latency_ms"
        }
    }

    /// The audit log, oldest first; `after` (a sequence number) and `limit` page through it.
    func audit(_ request: Request) async throws -> Response {
        let principal = try await deps.require(.readOperations, request)
        if let tenant = Self.confinement(principal) {
            throw StrataError.forbidden("The audit log spans every tenant; a key of tenant '\(tenant)' may not read it.")
        }
        let parameters = request.uri.queryParameters
        let after = parameters.get("after").flatMap { Int64($0) }
        let limit = min(1000, parameters.get("limit").flatMap { Int($0) } ?? 100)
        let entries = try await deps.store.auditEntries(after: after, limit: limit)
        return JSONResponse.make(["data": entries])
    }

    func deployments(_ request: Request) async throws -> Response {
        _ = try await deps.require(.readOperations, request)
        let health = deps.router.health.snapshot()
        let now = deps.time.now()
        let views = deps.catalog.allDeployments.map { deployment in
            let state = health[deployment.id] ?? DeploymentHealth.Snapshot()
            return DeploymentView(id: deployment.id, model: deployment.publicModel, provider: deployment.kind.rawValue,
                                  coolingDown: state.isCoolingDown(at: now), consecutiveFailures: state.consecutiveFailures,
                                  inFlight: state.inFlight, latencyMs: state.latency.map { $0 * 1000 },
                                  successes: state.successes, failures: state.failures)
        }
        return JSONResponse.make(["data": views])
    }
}
