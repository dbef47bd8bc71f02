import Crypto
import Foundation
import StrataCore

/// The hash that decides whether a document changed: everything that shapes its chunks and
/// who may read them (text, title, metadata, ACL) and how it is chunked and embedded.
enum ContentHash {
    static func of(_ document: IngestDocument, access: AccessControl, settings: CollectionSettings, embedder: String) -> String {
        struct Canonical: Encodable {
            var text: String
            var title: String?
            var source: String
            var metadata: [String: JSONValue]
            var access: AccessControl
            var chunkTokens: Int
            var chunkOverlap: Int
            var embedder: String
        }
        let canonical = Canonical(text: document.text, title: document.title, source: document.source,
                                  metadata: document.metadata, access: access, chunkTokens: settings.chunkTokens,
                                  chunkOverlap: settings.chunkOverlap, embedder: embedder)
        let data = (try? JSONEncoderFactory.sorted.encode(canonical)) ?? Data(document.text.utf8)
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
