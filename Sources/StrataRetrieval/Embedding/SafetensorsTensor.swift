/// One tensor's entry in a safetensors header: element type, shape and byte range in the data section.
public struct SafetensorsTensor: Sendable, Equatable {
    /// Element types of the format; `F32`, `F16` and `BF16` convert to `Float`, the others are
    /// listed so a file that also holds them (BERT's `position_ids` is I64) still opens.
    public enum DType: String, Sendable {
        case f64 = "F64", f32 = "F32", f16 = "F16", bf16 = "BF16"
        case i64 = "I64", i32 = "I32", i16 = "I16", i8 = "I8", u8 = "U8", bool = "BOOL"

        public var byteSize: Int {
            switch self {
            case .f64, .i64: 8
            case .f32, .i32: 4
            case .f16, .bf16, .i16: 2
            case .i8, .u8, .bool: 1
            }
        }
    }

    public let name: String
    public let dtype: DType
    public let shape: [Int]
    /// Byte range relative to the start of the data section (after the header).
    public let byteRange: Range<Int>

    public var elementCount: Int { shape.reduce(1, *) }
}
