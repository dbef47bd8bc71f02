import StrataCore
import StrataRetrieval
import StrataStore

/// One collection's vector index in memory, with what its filters need per chunk: the ACL
/// and metadata of the chunk's document, interned (documents share few distinct ACLs).
/// A value: a search works on a copy while the cache applies the next changes.
struct CollectionIndex: Sendable {
    var hnsw: HNSWIndex
    /// The store revision this index reflects, and the highest chunk label loaded.
    var revision: Int64 = -1
    var maxLabel: Int64 = 0
    private var factsOfLabel: [Int: Facts] = [:]
    private var acls: [AccessControl] = []
    private var aclIDs: [AccessControl: Int32] = [:]
    private var metadatas: [[String: JSONValue]] = []
    private var metadataIDs: [[String: JSONValue]: Int32] = [:]

    struct Facts: Sendable {
        var acl: Int32
        var metadata: Int32
    }

    init(hnsw: HNSWIndex) {
        self.hnsw = hnsw
    }

    var count: Int { hnsw.count }
    var labels: Set<Int> { Set(factsOfLabel.keys) }

    mutating func add(_ chunk: IndexableChunk) throws(HNSWError) {
        let label = Int(chunk.label)
        // Past this label even if it cannot be indexed, so a sync never fetches it again.
        maxLabel = max(maxLabel, chunk.label)
        if !hnsw.contains(label) { try hnsw.insert(chunk.vector, label: label) }
        factsOfLabel[label] = Facts(acl: intern(chunk.access), metadata: intern(chunk.metadata))
        maxLabel = max(maxLabel, chunk.label)
    }

    /// Facts for a chunk already in the graph (loaded from a snapshot).
    mutating func describe(_ chunk: IndexableChunk) {
        factsOfLabel[Int(chunk.label)] = Facts(acl: intern(chunk.access), metadata: intern(chunk.metadata))
        maxLabel = max(maxLabel, chunk.label)
    }

    mutating func remove(_ label: Int) {
        _ = hnsw.delete(label)
        factsOfLabel[label] = nil
    }

    private mutating func intern(_ acl: AccessControl) -> Int32 {
        if let id = aclIDs[acl] { return id }
        let id = Int32(acls.count)
        acls.append(acl)
        aclIDs[acl] = id
        return id
    }

    private mutating func intern(_ metadata: [String: JSONValue]) -> Int32 {
        if let id = metadataIDs[metadata] { return id }
        let id = Int32(metadatas.count)
        metadatas.append(metadata)
        metadataIDs[metadata] = id
        return id
    }

    /// The filter the HNSW walk applies: a label passes when its document is readable by the
    /// principal and its metadata passes. Each distinct ACL and metadata is judged once.
    func filter(for principal: Principal, metadata filter: MetadataFilter?) -> (Int) -> Bool {
        let readable = acls.map { $0.permits(principal) }
        let passing = metadatas.map { filter?.matches($0) ?? true }
        let facts = factsOfLabel
        return { label in
            guard let f = facts[label] else { return false }
            return readable[Int(f.acl)] && passing[Int(f.metadata)]
        }
    }

    /// Nearest chunks the principal may read, nearest first.
    func search(_ vector: [Float], k: Int, principal: Principal, metadata filter: MetadataFilter?,
                efSearch: Int?) throws(HNSWError) -> [SearchHit] {
        try hnsw.search(vector, k: k, efSearch: efSearch, filter: self.filter(for: principal, metadata: filter))
    }
}
