/// One level of a parse in progress: the value being read and how far it has got.
/// Plain data (no references), so copying and comparing a parse stack is cheap.
enum ParseFrame: Sendable, Equatable {
    /// The whole document has been read; nothing may follow.
    case end
    /// A value of the node begins at the next byte.
    case value(Int32)
    case object(ObjectPosition)
    case map(MapPosition)
    case array(ArrayPosition)
    case string(JSONStringPosition)
    case number(JSONNumberPosition)
    case literal(LiteralPosition)

    /// Inside an object with declared properties.
    struct ObjectPosition: Sendable, Equatable {
        enum Phase: UInt8, Sendable {
            /// After `{`: a key or `}`.
            case open
            /// After `,`: a key.
            case comma
            /// Inside a key: `property` is the smallest candidate, `offset` bytes of it matched.
            case key
            /// After a key: `:`.
            case colon
            /// After a value: `,` or `}`.
            case afterValue
        }
        var shape: Int32
        /// Properties before this index have been written or skipped.
        var next: Int32
        var phase: Phase
        var property: Int32 = 0
        var offset: Int32 = 0
    }

    /// Inside a free-form object (any keys).
    struct MapPosition: Sendable, Equatable {
        enum Phase: UInt8, Sendable { case open, comma, colon, afterValue }
        var value: Int32
        var phase: Phase
    }

    /// Inside an array.
    struct ArrayPosition: Sendable, Equatable {
        enum Phase: UInt8, Sendable {
            /// After `[`: `]` or the first item.
            case open
            /// After an item: `,` or `]`.
            case afterValue
        }
        var shape: Int32
        /// Items started so far.
        var count: Int32
        var phase: Phase
    }

    /// Inside one of a list of exact encodings (entries of `GrammarTables.encodings`).
    struct LiteralPosition: Sendable, Equatable {
        /// The first entry of the list that starts with the bytes read so far.
        var candidate: Int32
        /// The list's last entry.
        var last: Int32
        var offset: Int32
    }
}
