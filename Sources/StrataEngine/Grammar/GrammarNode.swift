/// One compiled schema: what a value at some position may be. Nodes refer to each other by index
/// into `GrammarTables.nodes`, which is how `$ref` recursion stays finite. Every payload is plain
/// data (indices into flat tables), so reading a node in the hot path costs no reference counting.
enum GrammarNode: Sendable, Equatable {
    /// No value (the `false` schema, an empty `enum`); never entered.
    case never
    /// An object with declared properties, emitted in declaration order (index into `objects`).
    case object(Int32)
    /// An object with any string keys, every value matching the node (free-form objects).
    case map(value: Int32)
    /// An array (index into `arrays`).
    case array(Int32)
    /// A string (index into `strings`).
    case string(Int32)
    /// A number; `integerOnly` forbids a fraction and an exponent.
    case number(integerOnly: Bool)
    /// One of a list of exact encodings (`enum`, `const`, `true`/`false`, `null`): a span of `encodings`.
    case literals(TableSpan)
    /// Any of several nodes (a span of `unionMembers`); after linking no member is a union or an alias.
    case union(TableSpan)
    /// The same as another node (a `$ref`); removed when the grammar is linked.
    case alias(Int32)

    /// A run of entries in one of the flat tables.
    struct TableSpan: Sendable, Equatable {
        var first: Int32
        var count: Int32

        var last: Int32 { first + count - 1 }
    }

    /// Properties of an object in declaration order: `count` entries of `properties`, starting at
    /// `properties`, whose names are the entries of `encodings` starting at `names`.
    struct ObjectShape: Sendable {
        var properties: Int32
        var names: Int32
        var count: Int32
    }

    struct Property: Sendable {
        var value: Int32
        /// The first required property at this index or later (local to the object), or the
        /// property count. The next key after writing or skipping up to here may be any property
        /// up to and including it.
        var nextRequired: Int32
    }

    /// Element schemas and count bounds of an array.
    struct ArrayShape: Sendable {
        /// A span of `prefixItems`.
        var prefixItems: TableSpan
        /// The schema of items after the prefix, or -1 when there may be none.
        var items: Int32
        var minItems: Int32
        var maxItems: Int32
    }

    /// Length bounds of a string, in Unicode scalars.
    struct StringBounds: Sendable, Equatable {
        var minLength: Int32
        var maxLength: Int32
    }
}
