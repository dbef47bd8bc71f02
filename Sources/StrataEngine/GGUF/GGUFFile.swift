/// A parsed GGUF file: metadata, tensor directory and the mapped tensor data.
/// Parsing validates every offset and size, so a bad file yields a `GGUFError`, never a crash.
public final class GGUFFile: Sendable {
    public let version: UInt32
    public let metadata: [String: GGUFValue]
    /// Metadata keys in file order.
    public let metadataKeys: [String]
    public let tensors: [GGUFTensorInfo]
    public let alignment: Int
    /// Absolute file offset of the data section.
    public let dataOffset: Int
    private let tensorIndex: [String: Int]
    private let file: MappedFile

    public convenience init(path: String) throws(GGUFError) {
        try self.init(mapped: MappedFile(path: path))
    }

    public init(mapped: MappedFile) throws(GGUFError) {
        file = mapped
        let bytes = mapped.bytes
        var r = GGUFByteReader(bytes)
        guard bytes.count >= 4 else {
            throw .truncated(what: "magic", offset: 0, needed: 4, fileSize: bytes.count)
        }
        let magic = Array(bytes[0 ..< 4])
        guard magic == Array("GGUF".utf8) else { throw .badMagic(found: magic) }
        r.offset = 4
        let v = try r.read(UInt32.self, "version")
        if v != 2 && v != 3 && v.byteSwapped >= 1 && v.byteSwapped <= 3 { throw .bigEndianUnsupported }
        guard v == 2 || v == 3 else { throw .unsupportedVersion(v) }
        version = v
        let countOffset = r.offset
        let tensorCount = try r.read(UInt64.self, "tensor count")
        let kvCount = try r.read(UInt64.self, "metadata count")
        // Each tensor info needs >= 24 bytes and each key/value >= 13, so larger counts are corrupt.
        guard tensorCount <= UInt64(bytes.count / 24) else {
            throw .implausibleCount(what: "tensor count", count: tensorCount, offset: countOffset)
        }
        guard kvCount <= UInt64(bytes.count / 13) else {
            throw .implausibleCount(what: "metadata count", count: kvCount, offset: countOffset + 8)
        }

        var meta: [String: GGUFValue] = [:]
        var keys: [String] = []
        for i in 0 ..< Int(kvCount) {
            let key = try r.readString("metadata key #\(i)")
            let type = try r.read(UInt32.self, "value type of \(key)")
            let value = try r.readValue(type: type, key: key)
            guard meta[key] == nil else { throw .duplicateKey(key) }
            meta[key] = value
            keys.append(key)
        }
        metadata = meta
        metadataKeys = keys

        var align = 32
        if let a = meta["general.alignment"] {
            guard let n = a.intValue, n > 0, n & (n - 1) == 0, n <= 1 << 20 else {
                throw .invalidAlignment(UInt64(truncatingIfNeeded: a.intValue ?? 0))
            }
            align = n
        }
        alignment = align

        struct RawInfo { var name: String; var dims: [Int]; var type: GGMLType; var offset: UInt64 }
        var raw: [RawInfo] = []
        for i in 0 ..< Int(tensorCount) {
            let name = try r.readString("name of tensor #\(i)")
            let nd = try r.read(UInt32.self, "dimension count of \(name)")
            guard nd >= 1 && nd <= 4 else {
                throw .invalidTensorShape(tensor: name, dimensions: [], reason: "has \(nd) dimensions (expected 1...4)")
            }
            var dims: [UInt64] = []
            for d in 0 ..< Int(nd) { dims.append(try r.read(UInt64.self, "dimension \(d) of \(name)")) }
            let rawType = try r.read(UInt32.self, "type of \(name)")
            guard let type = GGMLType(rawValue: rawType) else { throw .unknownTensorType(tensor: name, rawType: rawType) }
            let off = try r.read(UInt64.self, "data offset of \(name)")
            // Keep element counts far from overflow: no real model has a tensor of 2^40 elements.
            var total: UInt64 = 1
            for d in dims {
                guard d > 0, d < 1 << 40 else { throw .invalidTensorShape(tensor: name, dimensions: dims, reason: "dimension must be in 1..<2^40") }
                let (p, o) = total.multipliedReportingOverflow(by: d)
                guard !o, p < 1 << 40 else { throw .invalidTensorShape(tensor: name, dimensions: dims, reason: "too many elements") }
                total = p
            }
            guard dims[0] % UInt64(type.blockSize) == 0 else {
                throw .invalidTensorShape(tensor: name, dimensions: dims, reason: "row length is not a multiple of the \(type) block size \(type.blockSize)")
            }
            raw.append(RawInfo(name: name, dims: dims.map { Int($0) }, type: type, offset: off))
        }
        let start = (r.offset + align - 1) / align * align
        dataOffset = start
        let dataSize = max(0, bytes.count - start)
        var infos: [GGUFTensorInfo] = []
        var index: [String: Int] = [:]
        for t in raw {
            let n = t.dims.reduce(1, *) / t.type.blockSize * t.type.blockBytes
            guard t.offset % UInt64(align) == 0 else { throw .misalignedTensor(tensor: t.name, offset: t.offset, alignment: align) }
            guard t.offset <= UInt64(dataSize), UInt64(n) <= UInt64(dataSize) - t.offset else {
                throw .tensorOutOfBounds(tensor: t.name, offset: t.offset, byteCount: UInt64(n), dataSize: dataSize)
            }
            guard index[t.name] == nil else { throw .duplicateTensor(t.name) }
            index[t.name] = infos.count
            infos.append(GGUFTensorInfo(name: t.name, dimensions: t.dims, type: t.type, offset: Int(t.offset), byteCount: n))
        }
        tensors = infos
        tensorIndex = index
    }

    public func tensor(named name: String) -> GGUFTensorInfo? {
        tensorIndex[name].map { tensors[$0] }
    }

    /// The bytes of a tensor; valid as long as this file object lives.
    public func data(of info: GGUFTensorInfo) -> UnsafeRawPointer {
        // Bounds were checked at parse time.
        file.bytes.baseAddress! + dataOffset + info.offset
    }

    // MARK: typed metadata access with precise errors

    public func string(_ key: String) throws(GGUFError) -> String {
        guard let v = metadata[key] else { throw .missingMetadata(key: key) }
        guard let s = v.stringValue else { throw .wrongMetadataType(key: key, expected: "string", found: v.typeName) }
        return s
    }

    public func int(_ key: String) throws(GGUFError) -> Int {
        guard let v = metadata[key] else { throw .missingMetadata(key: key) }
        guard let n = v.intValue else { throw .wrongMetadataType(key: key, expected: "integer", found: v.typeName) }
        return n
    }

    public func float(_ key: String) throws(GGUFError) -> Float {
        guard let v = metadata[key] else { throw .missingMetadata(key: key) }
        guard let f = v.floatValue else { throw .wrongMetadataType(key: key, expected: "number", found: v.typeName) }
        return f
    }

    public func stringArray(_ key: String) throws(GGUFError) -> [String] {
        guard let v = metadata[key] else { throw .missingMetadata(key: key) }
        guard let a = v.arrayValue else { throw .wrongMetadataType(key: key, expected: "array of string", found: v.typeName) }
        var out: [String] = []
        out.reserveCapacity(a.count)
        for e in a {
            guard let s = e.stringValue else { throw .wrongMetadataType(key: key, expected: "array of string", found: "array of \(e.typeName)") }
            out.append(s)
        }
        return out
    }

    public func floatArray(_ key: String) throws(GGUFError) -> [Float] {
        guard let v = metadata[key] else { throw .missingMetadata(key: key) }
        guard let a = v.arrayValue else { throw .wrongMetadataType(key: key, expected: "array of number", found: v.typeName) }
        var out: [Float] = []
        out.reserveCapacity(a.count)
        for e in a {
            guard let f = e.floatValue else { throw .wrongMetadataType(key: key, expected: "array of number", found: "array of \(e.typeName)") }
            out.append(f)
        }
        return out
    }

    public func intArray(_ key: String) throws(GGUFError) -> [Int] {
        guard let v = metadata[key] else { throw .missingMetadata(key: key) }
        guard let a = v.arrayValue else { throw .wrongMetadataType(key: key, expected: "array of integer", found: v.typeName) }
        var out: [Int] = []
        out.reserveCapacity(a.count)
        for e in a {
            guard let n = e.intValue else { throw .wrongMetadataType(key: key, expected: "array of integer", found: "array of \(e.typeName)") }
            out.append(n)
        }
        return out
    }
}
