/// The immutable tables of a compiled schema, shared by every matcher started from it.
/// A class so a matcher copy costs one reference count, not one per table.
final class CompiledGrammar: Sendable {
    let tables: GrammarTables
    let root: Int32
    /// The most containers (objects and arrays) that may be open at once.
    let maxDepth: Int32

    init(tables: GrammarTables, root: Int32, maxDepth: Int32) {
        self.tables = tables
        self.root = root
        self.maxDepth = maxDepth
    }

    /// Whether a value of `node` can still be completed when `depth` containers are open around it.
    @inline(__always)
    func fits(_ node: Int32, atDepth depth: Int32) -> Bool {
        tables.minDepth[Int(node)] <= maxDepth &- depth
    }
}
