/// A linear layer's weight `W[n][k]` (PyTorch layout) repacked into panels of 32 output columns,
/// `panel[p][k][0..<32]`, so the matrix-multiply kernel streams it contiguously with 8-wide
/// vectors; plus the bias. Columns past `n` in the last panel are zero.
struct PackedMatrix: Sendable {
    static let panelWidth = 32
    /// Rows of the input handled per task; a block of input rows stays in L2 while a panel sweeps it.
    static let rowBlock = 64

    let outputs: Int
    let inputs: Int
    let panels: [Float]
    let bias: [Float]

    var panelCount: Int { (outputs + Self.panelWidth - 1) / Self.panelWidth }

    init(weight: [Float], bias: [Float], outputs: Int, inputs: Int) {
        self.outputs = outputs
        self.inputs = inputs
        let width = Self.panelWidth
        let panelCount = (outputs + width - 1) / width
        var packed = [Float](repeating: 0, count: panelCount * inputs * width)
        for o in 0..<outputs {
            let p = o / width, j = o % width
            for i in 0..<inputs { packed[(p * inputs + i) * width + j] = weight[o * inputs + i] }
        }
        panels = packed
        self.bias = bias
    }

    /// `out[r][0..<outputs] = x[r] · Wᵀ + bias` for `rows` rows; row strides are `inputs`
    /// and `outputs`. `epilogue(rowRange, columnRange)` runs on each finished tile (e.g. GELU).
    func multiply(_ x: UnsafePointer<Float>, rows: Int, into out: UnsafeMutablePointer<Float>,
                  pool: ComputePool, epilogue: ((Range<Int>, Range<Int>) -> Void)? = nil) {
        let rowBlocks = (rows + Self.rowBlock - 1) / Self.rowBlock
        let panelCount = self.panelCount
        panels.withUnsafeBufferPointer { w in
            bias.withUnsafeBufferPointer { b in
                guard let wBase = w.baseAddress, let bBase = b.baseAddress else { return }
                pool.run(rowBlocks * panelCount) { task in
                    let rb = task / panelCount, p = task % panelCount
                    let r0 = rb * Self.rowBlock, r1 = min(rows, r0 + Self.rowBlock)
                    let c0 = p * Self.panelWidth, c1 = min(outputs, c0 + Self.panelWidth)
                    self.tile(x, rows: r0..<r1, panel: wBase + p * inputs * Self.panelWidth,
                              columns: c0..<c1, bias: bBase, out: out)
                    epilogue?(r0..<r1, c0..<c1)
                }
            }
        }
    }

    private func tile(_ x: UnsafePointer<Float>, rows: Range<Int>, panel: UnsafePointer<Float>,
                      columns: Range<Int>, bias: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>) {
        let k = inputs
        var r = rows.lowerBound
        var acc = [SIMD8<Float>](repeating: .zero, count: 16)
        acc.withUnsafeMutableBufferPointer { scratch in
            guard let tmp = scratch.baseAddress else { return }
            while r + 4 <= rows.upperBound {
                Self.kernel4x32(x + r * k, k, panel, k, tmp)
                store(tmp, rowCount: 4, firstRow: r, columns: columns, bias: bias, out: out)
                r += 4
            }
            while r < rows.upperBound {
                Self.kernel1x32(x + r * k, panel, k, tmp)
                store(tmp, rowCount: 1, firstRow: r, columns: columns, bias: bias, out: out)
                r += 1
            }
        }
    }

    @inline(__always)
    private func store(_ tmp: UnsafeMutablePointer<SIMD8<Float>>, rowCount: Int, firstRow: Int,
                       columns: Range<Int>, bias: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>) {
        let width = columns.count
        let raw = UnsafeRawPointer(tmp)
        if width == Self.panelWidth {
            let braw = UnsafeRawPointer(bias + columns.lowerBound)
            for row in 0..<rowCount {
                let dst = UnsafeMutableRawPointer(out + (firstRow + row) * outputs + columns.lowerBound)
                for v in 0..<4 {
                    let value = raw.loadUnaligned(fromByteOffset: (row * 4 + v) * 32, as: SIMD8<Float>.self)
                        + braw.loadUnaligned(fromByteOffset: v * 32, as: SIMD8<Float>.self)
                    dst.storeBytes(of: value, toByteOffset: v * 32, as: SIMD8<Float>.self)
                }
            }
        } else {
            let floats = raw.assumingMemoryBound(to: Float.self)
            for row in 0..<rowCount {
                for j in 0..<width {
                    out[(firstRow + row) * outputs + columns.lowerBound + j] = floats[row * 32 + j] + bias[columns.lowerBound + j]
                }
            }
        }
    }

    /// 4 input rows × 32 output columns: 16 vector accumulators, one broadcast per row and
    /// four weight loads per step of k.
    @inline(__always)
    static func kernel4x32(_ x: UnsafePointer<Float>, _ ldx: Int, _ w: UnsafePointer<Float>, _ k: Int,
                           _ out: UnsafeMutablePointer<SIMD8<Float>>) {
        var c00 = SIMD8<Float>(), c01 = SIMD8<Float>(), c02 = SIMD8<Float>(), c03 = SIMD8<Float>()
        var c10 = SIMD8<Float>(), c11 = SIMD8<Float>(), c12 = SIMD8<Float>(), c13 = SIMD8<Float>()
        var c20 = SIMD8<Float>(), c21 = SIMD8<Float>(), c22 = SIMD8<Float>(), c23 = SIMD8<Float>()
        var c30 = SIMD8<Float>(), c31 = SIMD8<Float>(), c32 = SIMD8<Float>(), c33 = SIMD8<Float>()
        let x0 = x, x1 = x + ldx, x2 = x + 2 * ldx, x3 = x + 3 * ldx
        let wr = UnsafeRawPointer(w)
        for i in 0..<k {
            let off = i * 128
            let w0 = wr.loadUnaligned(fromByteOffset: off, as: SIMD8<Float>.self)
            let w1 = wr.loadUnaligned(fromByteOffset: off + 32, as: SIMD8<Float>.self)
            let w2 = wr.loadUnaligned(fromByteOffset: off + 64, as: SIMD8<Float>.self)
            let w3 = wr.loadUnaligned(fromByteOffset: off + 96, as: SIMD8<Float>.self)
            let a0 = SIMD8<Float>(repeating: x0[i])
            c00 = c00.addingProduct(a0, w0); c01 = c01.addingProduct(a0, w1)
            c02 = c02.addingProduct(a0, w2); c03 = c03.addingProduct(a0, w3)
            let a1 = SIMD8<Float>(repeating: x1[i])
            c10 = c10.addingProduct(a1, w0); c11 = c11.addingProduct(a1, w1)
            c12 = c12.addingProduct(a1, w2); c13 = c13.addingProduct(a1, w3)
            let a2 = SIMD8<Float>(repeating: x2[i])
            c20 = c20.addingProduct(a2, w0); c21 = c21.addingProduct(a2, w1)
            c22 = c22.addingProduct(a2, w2); c23 = c23.addingProduct(a2, w3)
            let a3 = SIMD8<Float>(repeating: x3[i])
            c30 = c30.addingProduct(a3, w0); c31 = c31.addingProduct(a3, w1)
            c32 = c32.addingProduct(a3, w2); c33 = c33.addingProduct(a3, w3)
        }
        out[0] = c00; out[1] = c01; out[2] = c02; out[3] = c03
        out[4] = c10; out[5] = c11; out[6] = c12; out[7] = c13
        out[8] = c20; out[9] = c21; out[10] = c22; out[11] = c23
        out[12] = c30; out[13] = c31; out[14] = c32; out[15] = c33
    }

    @inline(__always)
    static func kernel1x32(_ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, _ k: Int,
                           _ out: UnsafeMutablePointer<SIMD8<Float>>) {
        var c0 = SIMD8<Float>(), c1 = SIMD8<Float>(), c2 = SIMD8<Float>(), c3 = SIMD8<Float>()
        let wr = UnsafeRawPointer(w)
        for i in 0..<k {
            let off = i * 128
            let a = SIMD8<Float>(repeating: x[i])
            c0 = c0.addingProduct(a, wr.loadUnaligned(fromByteOffset: off, as: SIMD8<Float>.self))
            c1 = c1.addingProduct(a, wr.loadUnaligned(fromByteOffset: off + 32, as: SIMD8<Float>.self))
            c2 = c2.addingProduct(a, wr.loadUnaligned(fromByteOffset: off + 64, as: SIMD8<Float>.self))
            c3 = c3.addingProduct(a, wr.loadUnaligned(fromByteOffset: off + 96, as: SIMD8<Float>.self))
        }
        out[0] = c0; out[1] = c1; out[2] = c2; out[3] = c3
    }
}
