import XCTest
@testable import StrataEngine

final class GGUFReaderTests: XCTestCase {
    func sampleWriter() -> GGUFWriter {
        var w = GGUFWriter()
        w.set("general.architecture", .string("llama"))
        w.set("general.name", .string("tiny ✓"))
        w.set("u8", .uint8(200)); w.set("i8", .int8(-5)); w.set("u16", .uint16(60000)); w.set("i16", .int16(-300))
        w.set("u32", .uint32(4_000_000_000)); w.set("i32", .int32(-7)); w.set("u64", .uint64(1 << 40)); w.set("i64", .int64(-1 << 40))
        w.set("f32", .float32(1.5)); w.set("f64", .float64(-2.25)); w.set("b", .bool(true))
        w.set("strings", .array([.string("a"), .string(""), .string("ü")]))
        w.set("nested", .array([.array([.int32(1), .int32(2)]), .array([.int32(3)])]))
        w.addTensor("a", dims: [4, 2], floats: [1, 2, 3, 4, 5, 6, 7, 8])
        w.addTensor("b", dims: [32], type: .q8_0, bytes: [UInt8](repeating: 1, count: 34))
        return w
    }

    func testRoundTripAllValueTypes() throws {
        for version: UInt32 in [2, 3] {
            var w = sampleWriter()
            w.version = version
            let path = try TestFiles.write(w.data(), name: "sample\(version).gguf")
            let f = try GGUFFile(path: path)
            XCTAssertEqual(f.version, version)
            XCTAssertEqual(f.metadataKeys.count, w.metadata.count)
            for (k, v) in w.metadata { XCTAssertEqual(f.metadata[k], v, k) }
            XCTAssertEqual(try f.string("general.name"), "tiny ✓")
            XCTAssertEqual(try f.int("u64"), 1 << 40)
            XCTAssertEqual(try f.stringArray("strings"), ["a", "", "ü"])
            XCTAssertEqual(f.tensors.count, 2)
            let a = try XCTUnwrap(f.tensor(named: "a"))
            XCTAssertEqual(a.dimensions, [4, 2])
            XCTAssertEqual(a.type, .f32)
            XCTAssertEqual(f.data(of: a).loadUnaligned(fromByteOffset: 28, as: Float.self), 8)
            let b = try XCTUnwrap(f.tensor(named: "b"))
            XCTAssertEqual(b.byteCount, 34)
            XCTAssertEqual(b.offset % f.alignment, 0)
        }
    }

    func testCustomAlignment() throws {
        var w = sampleWriter()
        w.alignment = 64
        w.set("general.alignment", .uint32(64))
        let f = try GGUFFile(path: TestFiles.write(w.data(), name: "align.gguf"))
        XCTAssertEqual(f.alignment, 64)
        XCTAssertEqual(f.dataOffset % 64, 0)
    }

    func testTypedAccessErrors() throws {
        let f = try GGUFFile(path: TestFiles.write(sampleWriter().data(), name: "typed.gguf"))
        XCTAssertThrowsError(try f.string("missing")) { XCTAssertEqual($0 as? GGUFError, .missingMetadata(key: "missing")) }
        XCTAssertThrowsError(try f.string("u8")) {
            XCTAssertEqual($0 as? GGUFError, .wrongMetadataType(key: "u8", expected: "string", found: "uint8"))
        }
    }

    func expectError(_ bytes: [UInt8], _ check: (GGUFError) -> Bool, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try TestFiles.write(bytes, name: "bad.gguf")
        do {
            _ = try GGUFFile(path: path)
            XCTFail("expected an error", file: file, line: line)
        } catch {
            XCTAssertTrue(check(error), "unexpected error \(error)", file: file, line: line)
            XCTAssertFalse(error.description.isEmpty)
        }
    }

    func testBadMagicVersionAndTypes() throws {
        var bytes = sampleWriter().data()
        bytes[0] = UInt8(ascii: "X")
        try expectError(bytes) { if case .badMagic = $0 { true } else { false } }

        var w = sampleWriter()
        w.version = 1
        try expectError(w.data()) { $0 == .unsupportedVersion(1) }
        w.version = 7
        try expectError(w.data()) { $0 == .unsupportedVersion(7) }
        bytes = sampleWriter().data()
        bytes[4] = 0; bytes[7] = 3
        try expectError(bytes) { $0 == .bigEndianUnsupported }

        var t = GGUFWriter()
        t.addTensor("weird", dims: [32], type: .q8_0, bytes: [UInt8](repeating: 0, count: 34))
        bytes = t.data()
        // The type field sits right before the 8-byte offset at the end of the tensor info.
        let typeOffset = 4 + 4 + 8 + 8 + 8 + 5 + 4 + 8
        XCTAssertEqual(bytes[typeOffset], 8)
        bytes[typeOffset] = 99
        try expectError(bytes) { $0 == .unknownTensorType(tensor: "weird", rawType: 99) }
    }

    func testShapeAndBoundsErrors() throws {
        var w = GGUFWriter()
        w.addTensor("odd", dims: [33], type: .q8_0, bytes: [UInt8](repeating: 0, count: 34))
        try expectError(w.data()) { if case .invalidTensorShape(tensor: "odd", _, _) = $0 { true } else { false } }
        var bytes = sampleWriter().data()
        bytes.removeLast(40)
        try expectError(bytes) { if case .tensorOutOfBounds = $0 { true } else { false } }
    }

    func testEveryTruncationFailsCleanly() throws {
        let bytes = sampleWriter().data()
        let f = try GGUFFile(path: TestFiles.write(bytes, name: "full.gguf"))
        let headerEnd = f.dataOffset
        // Every cut inside the header, plus a few inside the data.
        var cuts = Array(0 ..< headerEnd)
        cuts += [headerEnd + 1, headerEnd + 40]
        for cut in cuts {
            let path = try TestFiles.write(Array(bytes[0 ..< cut]), name: "cut.gguf")
            XCTAssertThrowsError(try GGUFFile(path: path), "cut at \(cut) of \(bytes.count), data at \(headerEnd)")
        }
    }

    func testRandomBitFlipsNeverCrash() throws {
        let bytes = sampleWriter().data()
        var rng = TestRNG(seed: 42)
        var failures = 0
        for i in 0 ..< 400 {
            var b = bytes
            for _ in 0 ..< 1 + rng.int(3) {
                let at = rng.int(b.count)
                b[at] ^= UInt8(1) << UInt8(rng.int(8))
            }
            if i % 7 == 0 { b[rng.int(40)] = 0xFF }
            let path = try TestFiles.write(b, name: "flip.gguf")
            do { _ = try GGUFFile(path: path) } catch { failures += 1 }
        }
        XCTAssertGreaterThan(failures, 0)
    }

    func testRealModelDirectory() throws {
        let f = try GGUFFile(path: TestFiles.smolLM2())
        XCTAssertEqual(f.version, 3)
        XCTAssertEqual(try f.string("general.architecture"), "llama")
        XCTAssertEqual(f.tensors.count, 272)
        XCTAssertEqual(f.tensor(named: "token_embd.weight")?.type, .q8_0)
        XCTAssertEqual(f.tensor(named: "blk.0.ffn_down.weight")?.type, .q4_1)
        XCTAssertEqual(try f.stringArray("tokenizer.ggml.tokens").count, 49152)
    }

    func testMissingFile() {
        XCTAssertThrowsError(try GGUFFile(path: "/nonexistent/x.gguf")) {
            if case .cannotOpen(path: "/nonexistent/x.gguf", _) = $0 as? GGUFError {} else { XCTFail("\($0)") }
        }
    }
}
