// The only file of this target that touches the experimental `Builtin` module: Swift has no
// other way to issue a prefetch, and the HNSW walk spends its time waiting for vectors that
// are scattered in memory. Without the feature prefetching is a no-op and results are the same.
#if hasFeature(BuiltinModule)
import Builtin

enum Prefetch {
    /// Asks for the cache line at `address` to be loaded for reading, into all cache levels.
    @inline(__always)
    static func read(_ address: UnsafeRawPointer) {
        Builtin.int_prefetch_RawPointer(address._rawValue, Builtin.zeroInitializer() as Builtin.Int32,
                                        (3 as Int32)._value, (1 as Int32)._value)
    }
}
#else
enum Prefetch {
    @inline(__always)
    static func read(_ address: UnsafeRawPointer) {}
}
#endif
