/// Where one tensor lives in a GGUF file and what it holds.
public struct GGUFTensorInfo: Sendable, Equatable {
    public var name: String
    /// ggml order: `dimensions[0]` is the contiguous (row) length.
    public var dimensions: [Int]
    public var type: GGMLType
    /// Offset from the start of the data section.
    public var offset: Int
    public var byteCount: Int

    public var elementCount: Int { dimensions.reduce(1, *) }
}
