import Foundation

/// An `HNSWIndex` shared between threads: searches run in parallel under a read lock, inserts
/// and deletes take the write lock. Mutation happens in place (the wrapped value is never
/// copied), which matters for an index of millions of vectors.
///
/// A reader-writer lock rather than an actor, so concurrent queries are not serialised onto one
/// executor and callers on dedicated threads need no async hop.
public final class ConcurrentHNSWIndex: @unchecked Sendable {
    private var index: HNSWIndex
    /// Heap-allocated: a pthread lock must not move, and `&storedProperty` promises no stable address.
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    public init(_ index: HNSWIndex) {
        self.index = index
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_rwlock_t())
        pthread_rwlock_init(lock, nil)
    }

    public convenience init(dimensions: Int, metric: VectorMetric = .cosine, parameters: HNSWParameters = HNSWParameters()) {
        self.init(HNSWIndex(dimensions: dimensions, metric: metric, parameters: parameters))
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    private func reading<T, E: Error>(_ body: (HNSWIndex) throws(E) -> T) throws(E) -> T {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body(index)
    }

    private func writing<T, E: Error>(_ body: (inout HNSWIndex) throws(E) -> T) throws(E) -> T {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body(&index)
    }

    public var count: Int { reading { $0.count } }
    public var dimensions: Int { reading { $0.dimensions } }

    public func contains(_ label: Int) -> Bool { reading { $0.contains(label) } }

    public func insert(_ vector: [Float], label: Int) throws(HNSWError) {
        try writing { (index: inout HNSWIndex) throws(HNSWError) in try index.insert(vector, label: label) }
    }

    @discardableResult
    public func delete(_ label: Int) -> Bool { writing { $0.delete(label) } }

    public func search(_ query: [Float], k: Int, efSearch: Int? = nil,
                       filter: ((Int) -> Bool)? = nil) throws(HNSWError) -> [SearchHit] {
        try reading { (index: HNSWIndex) throws(HNSWError) in
            try index.search(query, k: k, efSearch: efSearch, filter: filter)
        }
    }

    /// Saves a consistent snapshot; searches continue meanwhile, writers wait.
    public func save(to path: String) throws(HNSWError) {
        try reading { (index: HNSWIndex) throws(HNSWError) in try index.save(to: path) }
    }

    /// Replaces the index with a rebuilt one without tombstones. The rebuild runs on a copy
    /// under the read lock, so searches go on; only the swap takes the write lock. Inserts and
    /// deletes made during the rebuild are lost, so callers pause writes around it.
    public func compact() {
        let fresh = reading { $0.compacted() }
        writing { $0 = fresh }
    }

    /// A copy of the current index (copy-on-write: cheap until either side changes).
    public var snapshot: HNSWIndex { reading { $0 } }
}
