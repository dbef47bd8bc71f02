import Foundation

/// Snapshots: the whole index (parameters, vectors, labels, tombstones, links) in one
/// little-endian file with a checksum, written atomically (temporary file, then rename).
///
/// Layout: magic "STRHNSW1", UInt32 version, UInt32 metric, UInt32 dimensions, UInt32 m,
/// UInt32 efConstruction, UInt32 efSearch, UInt32 exactSearchThreshold, UInt64 seed,
/// UInt64 generator state, UInt64 slots, Int64 entry point, Int64 top level; per slot Int64
/// label, UInt8 level, UInt8 tombstone; the vectors (Float32); the layer-0 links (Int32); the
/// upper-layer links of each slot with level > 0 (Int32); a trailing UInt64 FNV-1a checksum of
/// everything before it.
extension HNSWIndex {
    static let snapshotMagic = Array("STRHNSW1".utf8)
    static let snapshotVersion: UInt32 = 1

    public func save(to path: String) throws(HNSWError) {
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw .snapshotWriteFailed(path: path, reason: String(cString: strerror(errno)))
        }
        do {
            var out = SnapshotWriter(descriptor: descriptor, path: path)
            try writeSnapshot(to: &out)
            close(descriptor)
            // rename(2) replaces atomically: a reader sees the old snapshot or the new one.
            guard rename(temporary, path) == 0 else {
                throw HNSWError.snapshotWriteFailed(path: path, reason: String(cString: strerror(errno)))
            }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error as? HNSWError ?? .snapshotWriteFailed(path: path, reason: "\(error)")
        }
    }

    private func writeSnapshot(to out: inout SnapshotWriter) throws {
        try Self.snapshotMagic.withUnsafeBytes { (raw) in try out.bytes(raw) }
        try out.put(Self.snapshotVersion)
        try out.put(metric.rawValue)
        try out.put(UInt32(dimensions))
        try out.put(UInt32(parameters.m))
        try out.put(UInt32(parameters.efConstruction))
        try out.put(UInt32(parameters.efSearch))
        try out.put(UInt32(min(parameters.exactSearchThreshold, Int(UInt32.max))))
        try out.put(parameters.seed)
        try out.put(random.state)
        try out.put(UInt64(labels.count))
        try out.put(Int64(entryPoint))
        try out.put(Int64(topLevel))
        for slot in labels.indices {
            try out.put(Int64(labels[slot]))
            try out.put(levels[slot])
            try out.put(UInt8(tombstones[slot] ? 1 : 0))
        }
        // Floats and Int32s are written as their little-endian bit patterns.
        #if _endian(little)
        try vectors.withUnsafeBytes { (raw) in try out.bytes(raw) }
        try layer0.withUnsafeBytes { (raw) in try out.bytes(raw) }
        for block in upperLayers where !block.isEmpty {
            try block.withUnsafeBytes { (raw) in try out.bytes(raw) }
        }
        #else
        for v in vectors { try out.put(v.bitPattern) }
        for l in layer0 { try out.put(l) }
        for block in upperLayers where !block.isEmpty { for l in block { try out.put(l) } }
        #endif
        try out.finish()
    }

    /// Loads a snapshot written by `save(to:)`, checking its checksum and every link.
    public init(contentsOf path: String) throws(HNSWError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw .snapshotUnreadable(path: path, reason: "\(error)")
        }
        var reader = SnapshotReader(data: data, path: path)
        guard data.count >= Self.snapshotMagic.count + 8,
              Array(data.prefix(Self.snapshotMagic.count)) == Self.snapshotMagic else {
            throw .snapshotCorrupt(path: path, reason: "not an HNSW snapshot (bad magic)")
        }
        let stored = data.suffix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard Self.checksum(data.prefix(data.count - 8)) == stored else {
            throw .snapshotCorrupt(path: path, reason: "checksum mismatch (truncated or modified)")
        }
        reader.offset = Self.snapshotMagic.count
        let version: UInt32 = try reader.read()
        guard version == Self.snapshotVersion else { throw .snapshotUnsupportedVersion(path: path, version: version) }
        guard let metric = VectorMetric(rawValue: try reader.read()) else {
            throw .snapshotCorrupt(path: path, reason: "unknown metric")
        }
        let dimensions = Int(try reader.read() as UInt32)
        let m = Int(try reader.read() as UInt32)
        let efConstruction = Int(try reader.read() as UInt32)
        let efSearch = Int(try reader.read() as UInt32)
        let exactThreshold = Int(try reader.read() as UInt32)
        let seed: UInt64 = try reader.read()
        guard dimensions > 0, dimensions <= 65536, m >= 2, m <= 1024 else {
            throw .snapshotCorrupt(path: path, reason: "implausible dimensions \(dimensions) or m \(m)")
        }
        self.init(dimensions: dimensions, metric: metric,
                  parameters: HNSWParameters(m: m, efConstruction: efConstruction, efSearch: efSearch,
                                             exactSearchThreshold: exactThreshold, seed: seed))
        random = SplitMix64(state: try reader.read())
        let slotCount64: UInt64 = try reader.read()
        guard slotCount64 <= UInt64(Int32.max), Int(slotCount64) * 10 <= data.count else {
            throw .snapshotCorrupt(path: path, reason: "slot count \(slotCount64) does not fit the file")
        }
        let slots = Int(slotCount64)
        let entry: Int64 = try reader.read()
        let top: Int64 = try reader.read()
        guard (slots == 0 && entry == -1) || (entry >= 0 && entry < Int64(slots)),
              top >= -1, top <= Int64(Self.maxLevel) else {
            throw .snapshotCorrupt(path: path, reason: "entry point or top level out of range")
        }
        entryPoint = Int32(entry)
        topLevel = Int(top)
        labels.reserveCapacity(slots)
        for slot in 0..<slots {
            let label = Int(try reader.read() as Int64)
            let level: UInt8 = try reader.read()
            let dead: UInt8 = try reader.read()
            guard Int(level) <= topLevel else { throw .snapshotCorrupt(path: path, reason: "slot \(slot) above the top level") }
            labels.append(label)
            levels.append(level)
            tombstones.append(dead != 0)
            if dead != 0 {
                deletedCount += 1
            } else {
                guard slotOfLabel.updateValue(Int32(slot), forKey: label) == nil else {
                    throw .snapshotCorrupt(path: path, reason: "label \(label) is live twice")
                }
            }
        }
        vectors = try reader.readArray(count: slots * dimensions).map { (bits: UInt32) in Float(bitPattern: bits) }
        layer0 = try reader.readArray(count: slots * stride0)
        upperLayers.reserveCapacity(slots)
        for slot in 0..<slots {
            let level = Int(levels[slot])
            upperLayers.append(level > 0 ? try reader.readArray(count: level * strideUpper) : [])
        }
        guard reader.offset == data.count - 8 else {
            throw .snapshotCorrupt(path: path, reason: "\(data.count - 8 - reader.offset) unexpected trailing bytes")
        }
        try validateLinks(path: path)
    }

    /// Every count within its layer's limit and every link a real slot at that level, so a
    /// crafted file cannot make a search index out of bounds.
    private func validateLinks(path: String) throws(HNSWError) {
        let slots = labels.count
        for slot in 0..<slots {
            for level in 0...Int(levels[slot]) {
                let limit = level == 0 ? maxLinks0 : maxLinks
                let n = linkCount(Int32(slot), level: level)
                guard n >= 0, n <= limit else {
                    throw .snapshotCorrupt(path: path, reason: "slot \(slot) has \(n) links at level \(level)")
                }
                for link in links(Int32(slot), level: level) {
                    guard link >= 0, Int(link) < slots, Int(levels[Int(link)]) >= level else {
                        throw .snapshotCorrupt(path: path, reason: "slot \(slot) links to invalid slot \(link)")
                    }
                }
            }
        }
    }

    static func checksum<D: DataProtocol>(_ bytes: D) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for region in bytes.regions {
            region.withUnsafeBytes { raw in
                for b in raw { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            }
        }
        return hash
    }
}
