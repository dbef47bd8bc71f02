import StrataCore
import StrataStore

/// Counts each virtual key's uses and writes them to the audit log as one `key.use` entry
/// per key and period (count, first and last use), so every use is on the hash chain
/// without one chain write per request.
public actor KeyUseLedger {
    struct Tally {
        var name: String
        var count = 0
        var first: Double
        var last: Double
    }

    private var tallies: [String: Tally] = [:]
    let audit: AuditLog
    let time: any TimeSource

    public init(audit: AuditLog, time: any TimeSource) {
        self.audit = audit
        self.time = time
    }

    public func note(_ key: APIKeyRecord) {
        let now = time.now()
        tallies[key.id, default: Tally(name: key.name, first: now, last: now)].count += 1
        tallies[key.id]?.last = now
    }

    /// Writes and resets the tallies; call periodically and on shutdown.
    public func flush() async {
        let pending = tallies
        tallies.removeAll()
        for (id, tally) in pending.sorted(by: { $0.key < $1.key }) {
            await audit.record(actor: "key:\(tally.name)", action: "key.use", subject: "key:\(id)", details: [
                "count": String(tally.count), "first": String(format: "%.3f", tally.first), "last": String(format: "%.3f", tally.last),
            ])
        }
    }
}

import Foundation
