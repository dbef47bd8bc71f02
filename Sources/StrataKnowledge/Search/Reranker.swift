/// Re-scores a search's best candidates with a stronger judge than the fused ranking (a
/// cross-encoder or an LLM). One score per passage, in order; higher is more relevant.
public protocol Reranker: Sendable {
    var name: String { get }
    func scores(query: String, passages: [String]) async throws -> [Double]
}
