/// Fixed-size blocks of key/value storage, handed out and taken back without fragmentation.
/// A block holds `blockTokens` positions for every layer as f16 (half the memory traffic of
/// f32, as llama.cpp does): `[layer][k|v][kvHead][token][headDim]`, so one head's keys for
/// consecutive positions are contiguous for the attention loop.
/// It knows nothing of requests; sequences own blocks through a `SequenceKV` block table
/// (the shape paged attention and prefix sharing will build on).
final class KVBlockPool {
    let blockTokens: Int
    let layers: Int
    let kvDim: Int
    private var blocks: [UnsafeMutablePointer<Float16>] = []
    private var free: [Int] = []

    init(layers: Int, kvDim: Int, blockTokens: Int = 64) {
        self.layers = layers
        self.kvDim = kvDim
        self.blockTokens = blockTokens
    }

    deinit { for b in blocks { b.deallocate() } }

    var floatsPerBlock: Int { layers * 2 * blockTokens * kvDim }

    func allocate() -> Int {
        if let i = free.popLast() { return i }
        blocks.append(UnsafeMutablePointer<Float16>.allocate(capacity: floatsPerBlock))
        return blocks.count - 1
    }

    func release(_ ids: [Int]) { free += ids }

    @inline(__always)
    func keys(block: Int, layer: Int) -> UnsafeMutablePointer<Float16> {
        blocks[block] + (layer * 2) * blockTokens * kvDim
    }

    @inline(__always)
    func values(block: Int, layer: Int) -> UnsafeMutablePointer<Float16> {
        blocks[block] + (layer * 2 + 1) * blockTokens * kvDim
    }
}
