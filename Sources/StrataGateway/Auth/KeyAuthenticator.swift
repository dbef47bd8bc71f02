import Crypto
import Foundation
import StrataCore
import StrataStore

/// Decides who a bearer token belongs to (the master key, a virtual key, or nobody) and
/// issues new virtual keys. Secrets are never stored: only their SHA-256.
public struct KeyAuthenticator: Sendable {
    let keys: any KeyStore
    let masterKey: String?
    let time: any TimeSource

    public init(keys: any KeyStore, masterKey: String?, time: any TimeSource) {
        self.keys = keys
        self.masterKey = masterKey
        self.time = time
    }

    /// Who made the request.
    public struct Principal: Sendable {
        public var key: APIKeyRecord?
        public var role: Role

        public init(key: APIKeyRecord?, role: Role) {
            self.key = key
            self.role = role
        }

        public var isAdmin: Bool { role == .admin }

        public func allows(_ permission: Role.Permission) -> Bool { role.allows(permission) }
    }

    public var isOpen: Bool { masterKey == nil }

    /// Without a master key the server is open and every caller is admin, unless it presents a
    /// virtual key, whose limits then apply. With one, a valid key is required.
    public func authenticate(bearer: String?) async throws -> Principal {
        guard let token = bearer, !token.isEmpty else {
            if isOpen { return Principal(key: nil, role: .admin) }
            throw StrataError.invalidAPIKey("Missing API key. Pass it as 'Authorization: Bearer <key>'.")
        }
        if let masterKey, constantTimeEqual(token, masterKey) {
            return Principal(key: nil, role: .admin)
        }
        if let record = try await keys.key(secretHash: Self.hash(token)) {
            if record.revokedAt != nil { throw StrataError.invalidAPIKey("This API key has been revoked.") }
            if !record.isUsable(at: time.now()) { throw StrataError.invalidAPIKey("This API key has expired.") }
            return Principal(key: record, role: record.role)
        }
        if isOpen { return Principal(key: nil, role: .admin) }
        throw StrataError.invalidAPIKey()
    }

    /// Creates a key and returns it with its secret, which is shown this once.
    public func issue(name: String, allowedModels: [String], metadata: [String: String],
                      expiresAt: Double?, role: Role = .app) async throws -> (record: APIKeyRecord, secret: String) {
        let secret = Identifier.make(prefix: "sk-strata-", length: 40)
        var record = APIKeyRecord(id: Identifier.make(prefix: "key_", length: 16), name: name,
                                  secretHash: Self.hash(secret), displayPrefix: String(secret.prefix(14)),
                                  allowedModels: allowedModels, metadata: metadata, createdAt: time.now(),
                                  expiresAt: expiresAt)
        record.role = role
        try await keys.insert(record)
        return (record, secret)
    }

    public static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
