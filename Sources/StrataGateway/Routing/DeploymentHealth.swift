import StrataCore
import Synchronization

/// What the router knows about each deployment right now: failures in a row, cooldown,
/// requests in flight, and a smoothed latency. Shared by all requests. A mutex rather than an
/// actor: every request touches it several times, each access is a few instructions, and an
/// actor hop would cost a thread hand-off on the hot path.
public final class DeploymentHealth: Sendable {
    /// A deployment's state at one moment.
    public struct Snapshot: Sendable, Hashable {
        public var consecutiveFailures = 0
        public var cooldownUntil: Double?
        public var inFlight = 0
        /// Exponentially weighted moving average of successful call latency, in seconds.
        public var latency: Double?
        public var successes = 0
        public var failures = 0

        public init() {}

        public func isCoolingDown(at time: Double) -> Bool {
            cooldownUntil.map { time < $0 } ?? false
        }
    }

    private let states = Mutex<[String: Snapshot]>([:])
    private let cooldown: CooldownConfig
    private let time: any TimeSource
    static let latencyWeight = 0.3

    public init(cooldown: CooldownConfig, time: any TimeSource) {
        self.cooldown = cooldown
        self.time = time
    }

    public func snapshot() -> [String: Snapshot] { states.withLock { $0 } }

    public func snapshot(of id: String) -> Snapshot { states.withLock { $0[id] ?? Snapshot() } }

    public func started(_ id: String) {
        states.withLock { $0[id, default: Snapshot()].inFlight += 1 }
    }

    public func finished(_ id: String) {
        states.withLock { states in
            states[id, default: Snapshot()].inFlight = max(0, states[id, default: Snapshot()].inFlight - 1)
        }
    }

    public func succeeded(_ id: String, seconds: Double) {
        states.withLock { states in
            var state = states[id, default: Snapshot()]
            state.consecutiveFailures = 0
            state.cooldownUntil = nil
            state.successes += 1
            state.latency = state.latency.map { $0 + Self.latencyWeight * (seconds - $0) } ?? seconds
            states[id] = state
        }
    }

    /// Counts a failure; after `cooldown.failures` in a row (or a Retry-After from the upstream)
    /// the deployment rests. Returns whether it is now cooling down.
    @discardableResult
    public func failed(_ id: String, retryAfter: Double? = nil) -> Bool {
        let now = time.now()
        return states.withLock { states in
            var state = states[id, default: Snapshot()]
            state.consecutiveFailures += 1
            state.failures += 1
            if state.consecutiveFailures >= cooldown.failures {
                state.cooldownUntil = now + max(cooldown.seconds, retryAfter ?? 0)
            }
            states[id] = state
            return state.isCoolingDown(at: now)
        }
    }

    /// Marks a deployment healthy or down from an active health probe.
    public func probed(_ id: String, healthy: Bool) {
        let now = time.now()
        states.withLock { states in
            var state = states[id, default: Snapshot()]
            if healthy {
                if state.consecutiveFailures >= cooldown.failures { state.cooldownUntil = nil }
                state.consecutiveFailures = 0
            } else {
                state.consecutiveFailures = max(state.consecutiveFailures, cooldown.failures)
                state.cooldownUntil = now + cooldown.seconds
            }
            states[id] = state
        }
    }
}
