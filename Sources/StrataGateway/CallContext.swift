import StrataCore
import StrataStore

/// Who is asking and when: created by the server for each request and carried through the pipeline.
public struct CallContext: Sendable {
    public var traceID: String
    public var endpoint: String
    /// Seconds since 1970.
    public var startedAt: Double
    /// The virtual key used, nil for the master key or an open server.
    public var key: APIKeyRecord?
    public var isAdmin: Bool
    /// The body as the client sent it, kept for the trace so it need not be encoded again.
    public var rawRequestBody: String?
    /// Whom retrieval searches as (the key's principal, or a signed end user); nil means the
    /// key's own principal, or the operator when there is no key.
    public var reader: Principal?

    /// A request Strata makes for itself (embedding, reranking, the quarantined reader, the
    /// injection judge): a trace of its own, on behalf of `key` (whose limits apply) and
    /// `reader`, or of the operator when there is no key.
    public init(internal endpoint: String, startedAt: Double, key: APIKeyRecord? = nil, reader: Principal? = nil) {
        self.init(traceID: Identifier.make(prefix: "trace_", length: 20), endpoint: endpoint, startedAt: startedAt, key: key,
                  isAdmin: key == nil)
        self.reader = reader
    }

    /// The principal retrieval uses.
    public var readingPrincipal: Principal {
        reader ?? key.map { Principal(keyMetadata: $0.metadata) } ?? .admin
    }

    public init(traceID: String, endpoint: String, startedAt: Double, key: APIKeyRecord? = nil, isAdmin: Bool = false,
                rawRequestBody: String? = nil) {
        self.rawRequestBody = rawRequestBody
        self.traceID = traceID
        self.endpoint = endpoint
        self.startedAt = startedAt
        self.key = key
        self.isAdmin = isAdmin
    }
}
