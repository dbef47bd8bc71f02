import XCTest
@testable import StrataEngine

final class MatrixMultiplyTests: XCTestCase {
    /// Random but well-formed blocks: scale fields are finite small halves, the rest random bytes.
    static func randomRow(_ type: GGMLType, cols: Int, rng: inout TestRNG) -> [UInt8] {
        let nb = cols / type.blockSize
        var out: [UInt8] = []
        func half(_ f: Float) -> [UInt8] { let b = Float16(f).bitPattern; return [UInt8(b & 0xFF), UInt8(b >> 8)] }
        for _ in 0 ..< nb {
            var block = (0 ..< type.blockBytes).map { _ in rng.byte() }
            switch type {
            case .f32:
                let f = rng.float(-1, 1)
                block = withUnsafeBytes(of: f.bitPattern) { Array($0) }
            case .f16: block = half(rng.float(-1, 1))
            case .bf16: block = [0, UInt8(0x3F - rng.int(3))] // ±0.5...1-ish magnitudes
            case .q4_0, .q8_0: block.replaceSubrange(0 ..< 2, with: half(rng.float(-0.1, 0.1)))
            case .q4_1, .q4_K, .q5_K:
                block.replaceSubrange(0 ..< 2, with: half(rng.float(-0.1, 0.1)))
                block.replaceSubrange(2 ..< 4, with: half(rng.float(-0.1, 0.1)))
            case .q6_K: block.replaceSubrange(208 ..< 210, with: half(rng.float(-0.01, 0.01)))
            default: break
            }
            out += block
        }
        return out
    }

    func check(_ type: GGMLType, rows: Int, cols: Int, tokens: Int, seed: UInt64) {
        var rng = TestRNG(seed: seed)
        var bytes: [UInt8] = []
        for _ in 0 ..< rows { bytes += Self.randomRow(type, cols: cols, rng: &rng) }
        let x = (0 ..< cols * tokens).map { _ in rng.float(-1, 1) }
        bytes.withUnsafeBytes { raw in
            let w = WeightMatrix(type: type, data: raw.baseAddress!, rows: rows, cols: cols)
            var row = [Float](repeating: 0, count: cols)
            var expected = [Float](repeating: 0, count: rows * tokens)
            for r in 0 ..< rows {
                w.dequantizeRow(r, into: &row)
                for t in 0 ..< tokens {
                    var s: Double = 0
                    for i in 0 ..< cols { s += Double(row[i]) * Double(x[t * cols + i]) }
                    expected[t * rows + r] = Float(s)
                }
            }
            var magnitude = [Float](repeating: 0, count: rows * tokens)
            for r in 0 ..< rows {
                w.dequantizeRow(r, into: &row)
                for t in 0 ..< tokens {
                    for i in 0 ..< cols { magnitude[t * rows + r] += abs(row[i] * x[t * cols + i]) }
                }
            }
            let pool = ComputePool(threads: 2)
            var got = [Float](repeating: .nan, count: rows * tokens)
            MatrixMultiply.multiply(w, x: x, xStride: cols, tokens: tokens, out: &got, outStride: rows, pool: pool)
            for i in 0 ..< got.count where !(abs(got[i] - expected[i]) <= 1e-3 * max(1, abs(expected[i]))) {
                XCTFail("float \(type) rows \(rows) cols \(cols) tokens \(tokens): [\(i)] got \(got[i]) expected \(expected[i])")
                return
            }
            // The int8 path quantizes the activations, so it is checked against the size of the terms.
            guard Int8MatrixMultiply.supports(type) else { return }
            var got8 = [Float](repeating: .nan, count: rows * tokens)
            let scratch = QuantizedActivations(capacity: cols * tokens)
            MatrixMultiply.multiply(w, x: x, xStride: cols, tokens: tokens, out: &got8, outStride: rows, pool: pool, scratch: scratch)
            for i in 0 ..< got8.count where !(abs(got8[i] - expected[i]) <= 0.01 * magnitude[i] + 1e-6) {
                XCTFail("int8 \(type) rows \(rows) cols \(cols) tokens \(tokens): [\(i)] got \(got8[i]) expected \(expected[i]) (terms \(magnitude[i]))")
                return
            }
            // Exactly: against the float product with the activations as the kernel quantized them.
            var xq = [Float](repeating: 0, count: cols * tokens)
            for t in 0 ..< tokens {
                for i in 0 ..< cols { xq[t * cols + i] = Float(scratch.qs[t * cols + i]) * scratch.d[t * (cols / 32) + i / 32] }
            }
            for r in 0 ..< rows {
                w.dequantizeRow(r, into: &row)
                for t in 0 ..< tokens {
                    var e: Double = 0
                    for i in 0 ..< cols { e += Double(row[i]) * Double(xq[t * cols + i]) }
                    let g = got8[t * rows + r]
                    if !(abs(Double(g) - e) <= 1e-4 * Double(magnitude[t * rows + r]) + 1e-6) {
                        XCTFail("int8 exact \(type) rows \(rows) cols \(cols) tokens \(tokens): row \(r) token \(t) got \(g) expected \(e)")
                        return
                    }
                }
            }
        }
    }

    func testAllTypesAgainstScalarReference() {
        for type: GGMLType in [.f32, .f16, .bf16, .q8_0, .q4_0, .q4_1, .q4_K, .q5_K, .q6_K] {
            let unit = type.blockSize == 256 ? 256 : 32
            for (i, shape) in [(1, 1, 1), (37, 3, 1), (19, 2, 5), (33, 1, 9), (16, 5, 4)].enumerated() {
                check(type, rows: shape.0, cols: unit * shape.1, tokens: shape.2, seed: UInt64(i + 1) * 7919)
            }
        }
    }

    func testFloatRowsNotMultipleOf32UseScalarPath() {
        check(.f32, rows: 5, cols: 7, tokens: 3, seed: 3)
        check(.f16, rows: 5, cols: 45, tokens: 1, seed: 4)
    }

    func testInt8KernelsAreEnabled() {
        XCTAssertTrue(Int8Dot.isAvailable, "StrataEngine was built without the BuiltinModule feature")
    }

    func testActivationQuantization() {
        var rng = TestRNG(seed: 5)
        let x = (0 ..< 64).map { _ in rng.float(-3, 3) }
        let a = QuantizedActivations(capacity: 64)
        a.quantize(x, xStride: 64, cols: 64, tokens: 1)
        for b in 0 ..< 2 {
            var sum: Float = 0
            for i in 0 ..< 32 {
                let q = Float(a.qs[32 * b + i])
                sum += q
                XCTAssertEqual(q * a.d[b], x[32 * b + i], accuracy: a.d[b] * 0.5001)
            }
            XCTAssertEqual(a.s[b], sum * a.d[b], accuracy: 1e-4)
        }
    }

    func testReferenceQ4_1KnownBlock() {
        // d = 0.5, m = -1, nibbles: low = j % 16, high = 15 - j % 16
        var block: [UInt8] = [0x00, 0x38, 0x00, 0xBC]
        for j in 0 ..< 16 { block.append(UInt8(j) | UInt8(15 - j) << 4) }
        var y = [Float](repeating: 0, count: 32)
        block.withUnsafeBytes { ReferenceDequantizer.dequantize(.q4_1, $0.baseAddress!, into: &y, count: 32) }
        XCTAssertEqual(y[0], -1)
        XCTAssertEqual(y[3], 0.5)
        XCTAssertEqual(y[16], 6.5)
        XCTAssertEqual(y[31], -1)
    }

    func testPoolRunsEveryWorkerAndParks() {
        let pool = ComputePool(threads: 3, spinNanoseconds: 1_000)
        for round in 0 ..< 50 {
            var hits = [Int](repeating: 0, count: 1000)
            hits.withUnsafeMutableBufferPointer { buf in
                let p = buf.baseAddress!
                pool.parallelFor(1000, granularity: 16) { range in for i in range { p[i] += 1 } }
            }
            XCTAssertEqual(hits, [Int](repeating: 1, count: 1000), "round \(round)")
            if round % 10 == 0 { usleep(2_000) } // let workers park, then wake them
        }
    }
}
