import Foundation
import StrataCore
import StrataStore

/// Counts frequent events (every use of a key, every guard verdict) and writes them to the
/// audit chain as one entry per (actor, action, subject) and period, with the count and the
/// first and last time: every event is on the hash chain without one chain write per request.
public actor AuditTally {
    struct Event: Hashable {
        var actor: String
        var action: String
        var subject: String
    }

    struct Tally {
        var count = 0
        var first: Double
        var last: Double
    }

    private var tallies: [Event: Tally] = [:]
    let audit: AuditLog
    let time: any TimeSource

    public init(audit: AuditLog, time: any TimeSource) {
        self.audit = audit
        self.time = time
    }

    public func note(actor: String, action: String, subject: String) {
        let now = time.now()
        let event = Event(actor: actor, action: action, subject: subject)
        tallies[event, default: Tally(first: now, last: now)].count += 1
        tallies[event]?.last = now
    }

    /// A request made with a virtual key.
    public func noteUse(of key: APIKeyRecord) {
        note(actor: "key:\(key.name)", action: "key.use", subject: "key:\(key.id)")
    }

    /// Writes and resets the tallies; call periodically and on shutdown.
    public func flush() async {
        let pending = tallies
        tallies.removeAll()
        let ordered = pending.sorted { ($0.key.action, $0.key.subject, $0.key.actor) < ($1.key.action, $1.key.subject, $1.key.actor) }
        for (event, tally) in ordered {
            await audit.record(actor: event.actor, action: event.action, subject: event.subject, details: [
                "count": String(tally.count), "first": String(format: "%.3f", tally.first), "last": String(format: "%.3f", tally.last),
            ])
        }
    }
}
