import Foundation
@testable import StrataEngine

/// Writes small GGUF files for tests: metadata in insertion order, tensors from raw bytes.
struct GGUFWriter {
    var version: UInt32 = 3
    var alignment = 32
    private(set) var metadata: [(String, GGUFValue)] = []
    private(set) var tensors: [(name: String, dims: [Int], type: GGMLType, bytes: [UInt8])] = []

    mutating func set(_ key: String, _ value: GGUFValue) { metadata.append((key, value)) }

    mutating func addTensor(_ name: String, dims: [Int], type: GGMLType, bytes: [UInt8]) {
        tensors.append((name, dims, type, bytes))
    }

    mutating func addTensor(_ name: String, dims: [Int], floats: [Float]) {
        var b: [UInt8] = []
        for f in floats { withUnsafeBytes(of: f.bitPattern.littleEndian) { b.append(contentsOf: $0) } }
        addTensor(name, dims: dims, type: .f32, bytes: b)
    }

    func data() -> [UInt8] {
        var out: [UInt8] = []
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func str(_ s: String) { u64(UInt64(s.utf8.count)); out.append(contentsOf: s.utf8) }
        func typeCode(_ v: GGUFValue) -> UInt32 {
            switch v {
            case .uint8: 0
            case .int8: 1
            case .uint16: 2
            case .int16: 3
            case .uint32: 4
            case .int32: 5
            case .float32: 6
            case .bool: 7
            case .string: 8
            case .array: 9
            case .uint64: 10
            case .int64: 11
            case .float64: 12
            }
        }
        func value(_ v: GGUFValue) {
            switch v {
            case let .uint8(x): out.append(x)
            case let .int8(x): out.append(UInt8(bitPattern: x))
            case let .uint16(x): withUnsafeBytes(of: x.littleEndian) { out.append(contentsOf: $0) }
            case let .int16(x): withUnsafeBytes(of: x.littleEndian) { out.append(contentsOf: $0) }
            case let .uint32(x): u32(x)
            case let .int32(x): u32(UInt32(bitPattern: x))
            case let .uint64(x): u64(x)
            case let .int64(x): u64(UInt64(bitPattern: x))
            case let .float32(x): u32(x.bitPattern)
            case let .float64(x): u64(x.bitPattern)
            case let .bool(x): out.append(x ? 1 : 0)
            case let .string(s): str(s)
            case let .array(a):
                u32(a.first.map(typeCode) ?? 4)
                u64(UInt64(a.count))
                for e in a { value(e) }
            }
        }
        out.append(contentsOf: Array("GGUF".utf8))
        u32(version)
        u64(UInt64(tensors.count))
        u64(UInt64(metadata.count))
        for (k, v) in metadata { str(k); u32(typeCode(v)); value(v) }
        var offsets: [Int] = []
        var cursor = 0
        for t in tensors {
            offsets.append(cursor)
            cursor += (t.bytes.count + alignment - 1) / alignment * alignment
        }
        for (i, t) in tensors.enumerated() {
            str(t.name)
            u32(UInt32(t.dims.count))
            for d in t.dims { u64(UInt64(d)) }
            u32(t.type.rawValue)
            u64(UInt64(offsets[i]))
        }
        while out.count % alignment != 0 { out.append(0) }
        for t in tensors {
            out.append(contentsOf: t.bytes)
            while out.count % alignment != 0 { out.append(0) }
        }
        return out
    }

    func write(to path: String) throws {
        try Data(data()).write(to: URL(fileURLWithPath: path))
    }
}

enum TestFiles {
    static func directory() -> String { NSTemporaryDirectory() + "strata-engine-tests-\(getpid())" }

    /// Created once per test process and removed when it exits.
    static let createdDirectory: String = {
        let dir = directory()
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TestFiles.directory()) }
        return dir
    }()

    static func temporaryPath(_ name: String) -> String {
        createdDirectory + "/" + name
    }

    static func write(_ bytes: [UInt8], name: String) throws -> String {
        let path = temporaryPath(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The bundled SmolLM2 model; fails with instructions when it has not been fetched.
    static func smolLM2() throws -> String {
        // Tests/StrataEngineTests/Support/<file> → package root; resolve symlinks so a
        // development package that links the sources in still finds the repository's models/.
        let file = URL(fileURLWithPath: #filePath)
        for url in [file, file.resolvingSymlinksInPath()] {
            let root = url.deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            let p = root.path + "/models/SmolLM2-135M-Instruct.Q4_1.gguf"
            if FileManager.default.fileExists(atPath: p) { return p }
        }
        throw ModelMissing("models/SmolLM2-135M-Instruct.Q4_1.gguf is missing: run scripts/fetch-models.sh")
    }
}

struct ModelMissing: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Deterministic generator for test data (SplitMix64).
struct TestRNG {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }
    mutating func float(_ lo: Float, _ hi: Float) -> Float { lo + (hi - lo) * Float(next() >> 40) / Float(1 << 24) }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
