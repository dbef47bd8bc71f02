import Foundation

/// The sentence-transformers reference written by scripts/retrieval/make_embedding_fixture.py.
struct ReferenceFixture: Decodable {
    struct Entry: Decodable {
        let text: String
        let ids: [Int32]
        let vector: [Float]
    }
    struct Meta: Decodable {
        let model: String
        let maxSeqLength: Int
    }
    let meta: Meta
    let entries: [Entry]

    static func load() throws -> ReferenceFixture {
        let data = try Data(contentsOf: RetrievalTestPaths.fixture("minilm-reference.json"))
        return try JSONDecoder().decode(ReferenceFixture.self, from: data)
    }
}
