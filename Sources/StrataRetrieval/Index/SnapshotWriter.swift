import Foundation

/// Streams a snapshot to a file descriptor with a running FNV-1a checksum, so saving a large
/// index never holds a second copy of its vectors in memory. Small values are buffered.
/// Errors thrown are `HNSWError`; the methods are untyped because the standard library's
/// `withUnsafeBytes` only rethrows untyped errors.
struct SnapshotWriter {
    let descriptor: Int32
    let path: String
    private(set) var checksum: UInt64 = 0xCBF2_9CE4_8422_2325
    private var buffer: [UInt8] = []

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
        buffer.reserveCapacity(1 << 16)
    }

    mutating func put<T: FixedWidthInteger>(_ value: T) throws {
        try withUnsafeBytes(of: value.littleEndian) { (raw) in try bytes(raw) }
    }

    mutating func bytes(_ raw: UnsafeRawBufferPointer) throws {
        for b in raw { checksum = (checksum ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        if raw.count < 4096 {
            buffer.append(contentsOf: raw)
            if buffer.count >= 1 << 16 { try flush() }
        } else {
            try flush()
            try writeAll(raw)
        }
    }

    /// Appends the checksum of everything written so far (not itself checksummed) and flushes.
    mutating func finish() throws {
        let sum = checksum
        withUnsafeBytes(of: sum.littleEndian) { buffer.append(contentsOf: $0) }
        try flush()
        guard fsync(descriptor) == 0 else {
            throw HNSWError.snapshotWriteFailed(path: path, reason: String(cString: strerror(errno)))
        }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        let pending = buffer
        buffer.removeAll(keepingCapacity: true)
        try pending.withUnsafeBytes { (raw) in try writeAll(raw) }
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) throws {
        guard var next = raw.baseAddress else { return }
        var remaining = raw.count
        while remaining > 0 {
            let written = write(descriptor, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw HNSWError.snapshotWriteFailed(path: path, reason: String(cString: strerror(errno)))
            }
            next += written
            remaining -= written
        }
    }
}
