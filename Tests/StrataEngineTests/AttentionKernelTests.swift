import XCTest
@testable import StrataEngine

final class AttentionKernelTests: XCTestCase {
    /// The blocked, transposed-key kernel against a plain softmax(q·K)·V.
    func testMatchesNaiveAttention() {
        var rng = TestRNG(seed: 11)
        var checked = 0
        defer { XCTAssertEqual(checked, 6) }
        for (heads, hd, length) in [(3, 64, 1), (3, 64, 64), (3, 64, 65), (5, 128, 130), (1, 64, 200), (4, 64, 7)] {
            let bt = 64, blocks = (length + bt - 1) / bt
            let q = (0 ..< heads * hd).map { _ in rng.float(-1, 1) }
            let kRows = (0 ..< length).map { _ in (0 ..< hd).map { _ in Float(Float16(rng.float(-1, 1))) } }
            let vRows = (0 ..< length).map { _ in (0 ..< hd).map { _ in Float(Float16(rng.float(-1, 1))) } }
            var keys: [UnsafeMutablePointer<Float16>] = [], values: [UnsafeMutablePointer<Float16>] = []
            for _ in 0 ..< blocks {
                let kb = UnsafeMutablePointer<Float16>.allocate(capacity: bt * hd)
                kb.initialize(repeating: .nan, count: bt * hd) // unused positions must not leak in
                keys.append(kb)
                let vb = UnsafeMutablePointer<Float16>.allocate(capacity: bt * hd)
                vb.initialize(repeating: .nan, count: bt * hd)
                values.append(vb)
            }
            defer { for p in keys + values { p.deallocate() } }
            for p in 0 ..< length {
                for i in 0 ..< hd {
                    keys[p / bt][i * bt + p % bt] = Float16(kRows[p][i])
                    values[p / bt][(p % bt) * hd + i] = Float16(vRows[p][i])
                }
            }
            let stride = blocks * bt
            var scores = [Float](repeating: 0, count: heads * stride)
            var out = [Float](repeating: .nan, count: heads * hd)
            let scale: Float = 0.125
            checked += 1
            AttentionKernel.attend(q: q, out: &out, heads: heads, length: length, keys: keys, values: values,
                                   headDim: hd, scale: scale, scores: &scores, scoreStride: stride)
            // The same attention split into slices of positions and merged.
            var merged = [Float](repeating: .nan, count: heads * hd)
            let cuts = [0] + (1 ..< 3).map { blocks * $0 / 3 * bt }.filter { $0 > 0 && $0 < length } + [length]
            var partials: [[Float]] = [], stats: [[Float]] = []
            for (lo, hi) in zip(cuts, cuts.dropFirst()) where lo < hi {
                var o = [Float](repeating: 0, count: heads * hd), st = [Float](repeating: 0, count: heads * 2)
                AttentionKernel.attend(q: q, out: &o, heads: heads, positions: lo ..< hi, keys: keys, values: values,
                                       headDim: hd, scale: scale, scores: &scores, scoreStride: stride, stats: &st)
                partials.append(o); stats.append(st)
            }
            for h in 0 ..< heads {
                let outs = partials.map { p in p.withUnsafeBufferPointer { UnsafePointer($0.baseAddress! + h * hd) } }
                merged.withUnsafeMutableBufferPointer { m in
                    AttentionKernel.merge(outs, stats: stats.map { ($0[2 * h], $0[2 * h + 1]) }, into: m.baseAddress! + h * hd, headDim: hd)
                }
            }
            for i in 0 ..< heads * hd { XCTAssertEqual(merged[i], out[i], accuracy: 1e-4, "split \(cuts)") }
            for h in 0 ..< heads {
                var s = (0 ..< length).map { p in (0 ..< hd).reduce(Float(0)) { $0 + q[h * hd + $1] * kRows[p][$1] } * scale }
                let m = s.max()!
                s = s.map { expf($0 - m) }
                let total = s.reduce(0, +)
                for i in 0 ..< hd {
                    let expected = (0 ..< length).reduce(Float(0)) { $0 + s[$1] / total * vRows[$1][i] }
                    XCTAssertEqual(out[h * hd + i], expected, accuracy: 1e-4, "heads \(heads) hd \(hd) length \(length) head \(h) dim \(i)")
                }
            }
        }
    }
}
