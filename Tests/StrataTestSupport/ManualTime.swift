import StrataCore
import Synchronization

/// A clock tests move by hand: `sleep` returns at once and advances time, and every
/// requested sleep is recorded so retry timing can be asserted exactly.
public final class ManualTime: TimeSource {
    private let state: Mutex<(now: Double, sleeps: [Double])>

    public init(start: Double = 1_800_000_000) {
        state = Mutex((start, []))
    }

    public func now() -> Double { state.withLock { $0.now } }

    public func sleep(seconds: Double) async throws {
        state.withLock { state in
            state.sleeps.append(seconds)
            state.now += max(0, seconds)
        }
    }

    public func advance(_ seconds: Double) {
        state.withLock { $0.now += seconds }
    }

    public var sleeps: [Double] { state.withLock { $0.sleeps } }
}

/// Random numbers from a fixed list (cycled), so jitter and weighted picks are predictable.
public final class ScriptedRandom: RandomSource {
    private let state: Mutex<(values: [Double], index: Int)>

    public init(_ values: [Double]) {
        state = Mutex((values.isEmpty ? [0.5] : values, 0))
    }

    public func nextUnit() -> Double {
        state.withLock { state in
            defer { state.index += 1 }
            return state.values[state.index % state.values.count]
        }
    }
}

/// Temporary files for tests, removed by the caller.
public enum TemporaryPath {
    public static func make(_ name: String) -> String {
        let directory = "/tmp/strata-tests-\(Identifier.make(prefix: "", length: 10))"
        return "\(directory)/\(name)"
    }
}
