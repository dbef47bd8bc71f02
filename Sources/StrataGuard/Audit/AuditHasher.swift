import Crypto
import Foundation

/// Computes record hashes: plain SHA-256, or HMAC-SHA-256 when a key is configured so that
/// someone with write access to the database but not the key cannot rebuild a valid chain.
public struct AuditHasher: Sendable {
    private let key: SymmetricKey?

    public init(key: [UInt8]? = nil) {
        self.key = key.map { SymmetricKey(data: $0) }
    }

    public func hash(_ record: AuditRecord) -> String {
        let bytes = record.canonicalBytes
        if let key {
            return Self.hex(Array(HMAC<SHA256>.authenticationCode(for: bytes, using: key)))
        }
        return Self.hex(Array(SHA256.hash(data: bytes)))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits: [Character] = Array("0123456789abcdef")
        var s = ""
        s.reserveCapacity(bytes.count * 2)
        for b in bytes {
            s.append(digits[Int(b >> 4)])
            s.append(digits[Int(b & 0x0F)])
        }
        return s
    }
}
