import Synchronization

/// Holds the current catalog; swapped atomically on config reload.
public final class CatalogBox: Sendable {
    private let current: Mutex<ModelCatalog>

    public init(_ catalog: ModelCatalog) {
        current = Mutex(catalog)
    }

    public var catalog: ModelCatalog {
        current.withLock { $0 }
    }

    public func replace(with catalog: ModelCatalog) {
        current.withLock { $0 = catalog }
    }
}
