/// A bounds-checked little-endian cursor over the GGUF header bytes.
struct GGUFByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    private func need(_ n: Int, _ what: @autoclosure () -> String) throws(GGUFError) {
        if n < 0 || bytes.count - offset < n {
            throw .truncated(what: what(), offset: offset, needed: n, fileSize: bytes.count)
        }
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type, _ what: @autoclosure () -> String) throws(GGUFError) -> T {
        try need(MemoryLayout<T>.size, what())
        let v = T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
        offset += MemoryLayout<T>.size
        return v
    }

    mutating func readString(_ what: @autoclosure () -> String) throws(GGUFError) -> String {
        let start = offset
        let n = try read(UInt64.self, "length of " + what())
        guard n <= UInt64(bytes.count - offset) else {
            throw .truncated(what: what(), offset: offset, needed: n > UInt64(Int.max) ? Int.max : Int(n), fileSize: bytes.count)
        }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + Int(n)])
        offset += Int(n)
        guard let s = String(validating: slice, as: UTF8.self) else {
            throw .invalidUTF8(what: what(), offset: start)
        }
        return s
    }

    /// Reads a value of the given GGUF type; arrays recurse one level (nested arrays are allowed by the spec).
    mutating func readValue(type raw: UInt32, key: String, depth: Int = 0) throws(GGUFError) -> GGUFValue {
        switch raw {
        case 0: return .uint8(try read(UInt8.self, key))
        case 1: return .int8(try read(Int8.self, key))
        case 2: return .uint16(try read(UInt16.self, key))
        case 3: return .int16(try read(Int16.self, key))
        case 4: return .uint32(try read(UInt32.self, key))
        case 5: return .int32(try read(Int32.self, key))
        case 6: return .float32(Float(bitPattern: try read(UInt32.self, key)))
        case 7:
            let b = try read(UInt8.self, key)
            return .bool(b != 0)
        case 8: return .string(try readString("string value of \(key)"))
        case 9:
            guard depth < 4 else { throw .implausibleCount(what: "array nesting depth of \(key)", count: UInt64(depth), offset: offset) }
            let elementType = try read(UInt32.self, "array element type of \(key)")
            let countOffset = offset
            let count = try read(UInt64.self, "array length of \(key)")
            // Every element takes at least one byte, so a count beyond the remaining bytes is corrupt.
            guard count <= UInt64(bytes.count - offset) else {
                throw .implausibleCount(what: "array length of \(key)", count: count, offset: countOffset)
            }
            guard elementType <= 12 else { throw .invalidValueType(key: key, rawType: elementType, offset: countOffset - 4) }
            var out: [GGUFValue] = []
            out.reserveCapacity(Int(count))
            for _ in 0 ..< Int(count) {
                out.append(try readValue(type: elementType, key: key, depth: depth + 1))
            }
            return .array(out)
        case 10: return .uint64(try read(UInt64.self, key))
        case 11: return .int64(try read(Int64.self, key))
        case 12: return .float64(Double(bitPattern: try read(UInt64.self, key)))
        default: throw .invalidValueType(key: key, rawType: raw, offset: offset - 4)
        }
    }
}
