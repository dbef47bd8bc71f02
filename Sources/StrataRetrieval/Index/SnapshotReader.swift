import Foundation

/// Bounds-checked little-endian reads from a snapshot's bytes.
struct SnapshotReader {
    let data: Data
    let path: String
    var offset = 0

    mutating func read<T: FixedWidthInteger>() throws(HNSWError) -> T {
        let size = MemoryLayout<T>.size
        guard offset + size <= data.count else { throw .snapshotCorrupt(path: path, reason: "ends early at byte \(offset)") }
        let value = data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
        offset += size
        return T(littleEndian: value)
    }

    mutating func readArray<T: FixedWidthInteger>(count: Int) throws(HNSWError) -> [T] {
        let size = MemoryLayout<T>.size
        guard count >= 0, offset + count * size <= data.count else {
            throw .snapshotCorrupt(path: path, reason: "ends early at byte \(offset)")
        }
        let start = offset
        let result = data.withUnsafeBytes { raw in
            [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                for i in 0..<count { buffer[i] = T(littleEndian: raw.loadUnaligned(fromByteOffset: start + i * size, as: T.self)) }
                initialized = count
            }
        }
        offset += count * size
        return result
    }
}
