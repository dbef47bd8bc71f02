/// A 2-D weight tensor in its on-disk layout: `rows` rows of `cols` elements each, rows
/// contiguous. The memory belongs to the mapped model file (or a test buffer) that outlives it.
public struct WeightMatrix: @unchecked Sendable {
    public let type: GGMLType
    public let data: UnsafeRawPointer
    public let rows: Int
    public let cols: Int

    public init(type: GGMLType, data: UnsafeRawPointer, rows: Int, cols: Int) {
        self.type = type
        self.data = data
        self.rows = rows
        self.cols = cols
    }

    public var rowBytes: Int { cols / type.blockSize * type.blockBytes }

    /// Dequantizes one row (used for embedding lookups).
    public func dequantizeRow(_ r: Int, into y: UnsafeMutablePointer<Float>) {
        ReferenceDequantizer.dequantize(type, data + r * rowBytes, into: y, count: cols)
    }
}
