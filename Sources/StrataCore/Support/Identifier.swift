/// Random identifiers in the shapes clients expect (`chatcmpl-…`, `msg_…`, `call_…`).
public enum Identifier {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    public static func make(prefix: String, length: Int = 24) -> String {
        // One draw from the system generator gives ten characters (62^10 < 2^64): ids are
        // made on every request, and each draw is a system call.
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        while bytes.count < length {
            var value = generator.next()
            for _ in 0..<min(10, length - bytes.count) {
                bytes.append(alphabet[Int(value % 62)])
                value /= 62
            }
        }
        return prefix + String(decoding: bytes, as: UTF8.self)
    }
}
