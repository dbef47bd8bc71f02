import Crypto
import Foundation
import StrataCore

/// The end user a trusted backend makes a request for, in `X-Strata-Principal`: base64url of
/// `{"user": …, "groups": […], "clearances": […], "tenant": …, "exp": unix-seconds}` (`exp` required), signed
/// in `X-Strata-Signature` with hex HMAC-SHA256 of the header value under `auth.principal_secret`.
/// Retrieval then searches as that user. A virtual key's tenant always wins over `tenant`.
public enum SignedPrincipal {
    public struct Claims: Codable, Sendable, Hashable {
        public var user: String?
        public var groups: [String]?
        public var clearances: [String]?
        public var tenant: String?
        public var exp: Double?

        public init(user: String? = nil, groups: [String]? = nil, clearances: [String]? = nil, tenant: String? = nil,
                    exp: Double? = nil) {
            self.user = user
            self.groups = groups
            self.clearances = clearances
            self.tenant = tenant
            self.exp = exp
        }
    }

    /// The header value and its signature, as a backend would send them.
    public static func sign(_ claims: Claims, secret: String) -> (value: String, signature: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(claims)) ?? Data("{}".utf8)
        let value = json.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return (value, signature(of: value, secret: secret))
    }

    static func signature(of value: String, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// The claims, if the signature is right and they have not expired; a 401 saying why otherwise.
    public static func verify(value: String, signature: String, secret: String, now: Double) throws -> Claims {
        let expected = Array(Self.signature(of: value, secret: secret).utf8)
        let given = Array(signature.lowercased().utf8)
        var difference = UInt8(expected.count == given.count ? 0 : 1)
        for (a, b) in zip(expected, given) { difference |= a ^ b }
        guard difference == 0 else {
            throw StrataError(status: 401, type: "authentication_error", code: "invalid_principal_signature",
                              message: "X-Strata-Signature does not match X-Strata-Principal.")
        }
        var base64 = value.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let claims = try? JSONDecoder().decode(Claims.self, from: data) else {
            throw StrataError.invalidField("X-Strata-Principal", "X-Strata-Principal must be base64url of a JSON object.")
        }
        guard let exp = claims.exp else {
            throw StrataError.invalidField("X-Strata-Principal", "X-Strata-Principal must carry 'exp' (Unix seconds); a header that never expires is a standing credential.")
        }
        if exp < now {
            throw StrataError(status: 401, type: "authentication_error", code: "principal_expired",
                              message: "X-Strata-Principal has expired.")
        }
        return claims
    }
}
