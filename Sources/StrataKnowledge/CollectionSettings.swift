import Foundation
import StrataCore
import StrataRetrieval

/// How a collection chunks, indexes and searches; fixed at creation except the search knobs.
public struct CollectionSettings: Codable, Sendable, Hashable {
    /// Chunk budget in the embedder's tokens, and how many of them the next chunk repeats.
    public var chunkTokens = 200
    public var chunkOverlap = 32
    public var metric = "cosine"
    public var m = 16
    public var efConstruction = 100
    public var efSearch = 64
    /// Weights of the vector and keyword rankings in reciprocal rank fusion.
    public var vectorWeight = 1.0
    public var keywordWeight = 1.0
    public var rrfK = 60.0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case chunkTokens = "chunk_tokens"
        case chunkOverlap = "chunk_overlap"
        case metric
        case m
        case efConstruction = "ef_construction"
        case efSearch = "ef_search"
        case vectorWeight = "vector_weight"
        case keywordWeight = "keyword_weight"
        case rrfK = "rrf_k"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = CollectionSettings()
        chunkTokens = try c.decodeIfPresent(Int.self, forKey: .chunkTokens) ?? d.chunkTokens
        chunkOverlap = try c.decodeIfPresent(Int.self, forKey: .chunkOverlap) ?? d.chunkOverlap
        metric = try c.decodeIfPresent(String.self, forKey: .metric) ?? d.metric
        m = try c.decodeIfPresent(Int.self, forKey: .m) ?? d.m
        efConstruction = try c.decodeIfPresent(Int.self, forKey: .efConstruction) ?? d.efConstruction
        efSearch = try c.decodeIfPresent(Int.self, forKey: .efSearch) ?? d.efSearch
        vectorWeight = try c.decodeIfPresent(Double.self, forKey: .vectorWeight) ?? d.vectorWeight
        keywordWeight = try c.decodeIfPresent(Double.self, forKey: .keywordWeight) ?? d.keywordWeight
        rrfK = try c.decodeIfPresent(Double.self, forKey: .rrfK) ?? d.rrfK
    }

    /// The settings' problems, each naming its field; empty when valid.
    public func problems(embedderMaxTokens: Int) -> [String] {
        var found: [String] = []
        if chunkTokens < 16 || chunkTokens > embedderMaxTokens {
            found.append("chunk_tokens must be between 16 and \(embedderMaxTokens) (the embedder's input limit)")
        }
        if chunkOverlap < 0 || chunkOverlap > chunkTokens / 2 { found.append("chunk_overlap must be between 0 and chunk_tokens/2") }
        if vectorMetric == nil { found.append("metric must be cosine, dot or l2") }
        if m < 4 || m > 64 { found.append("m must be between 4 and 64") }
        if efConstruction < m || efConstruction > 1000 { found.append("ef_construction must be between m and 1000") }
        if efSearch < 1 || efSearch > 1000 { found.append("ef_search must be between 1 and 1000") }
        if vectorWeight < 0 || keywordWeight < 0 || vectorWeight + keywordWeight == 0 {
            found.append("vector_weight and keyword_weight must be ≥ 0 and not both 0")
        }
        if rrfK <= 0 { found.append("rrf_k must be > 0") }
        return found
    }

    public var vectorMetric: VectorMetric? {
        switch metric {
        case "cosine": .cosine
        case "dot", "ip": .dot
        case "l2", "euclidean": .l2
        default: nil
        }
    }

    var hnswParameters: HNSWParameters {
        HNSWParameters(m: m, efConstruction: efConstruction, efSearch: efSearch)
    }

    var json: JSONValue {
        let data = (try? JSONEncoderFactory.sorted.encode(self)) ?? Data("{}".utf8)
        return (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .object([:])
    }

    static func from(_ json: JSONValue) -> CollectionSettings {
        guard let data = try? JSONEncoderFactory.sorted.encode(json) else { return CollectionSettings() }
        return (try? JSONDecoder().decode(CollectionSettings.self, from: data)) ?? CollectionSettings()
    }
}

enum JSONEncoderFactory {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
