#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A pool of dedicated threads that spin on a generation counter, so that handing out a
/// ~10 µs slice of a matrix product costs well under a microsecond (a semaphore wake costs
/// ≈ 50 µs on these machines, see ENGINE-NOTES.md). Workers park after `spinNanoseconds` of
/// idleness so an idle server does not burn cores. The thread that calls `run` takes part as
/// worker 0; it must not be a Swift concurrency thread (callers use an engine thread).
public final class ComputePool: @unchecked Sendable {
    /// Number of participants, including the calling thread.
    public let size: Int
    private let spinNanoseconds: UInt64
    private let generation = Atomic<UInt64>(0)
    private let remaining = Atomic<Int>(0)
    private let sleepers = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    // Written by the caller before the generation bump (release), read by workers after
    // they observe it (acquire).
    private var job: ((Int) -> Void)?
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let cond = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var threads: [pthread_t] = []

    public init(threads: Int, spinNanoseconds: UInt64 = 200_000) {
        size = max(1, threads)
        self.spinNanoseconds = spinNanoseconds
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(cond, nil)
        for index in 1 ..< size {
            let box = Unmanaged.passRetained(WorkerStart(pool: self, index: index))
            var tid = pthread_t()
            let rc = pthread_create(&tid, nil, { raw in
                #if canImport(Darwin)
                let start = Unmanaged<WorkerStart>.fromOpaque(raw).takeRetainedValue()
                #else
                let start = Unmanaged<WorkerStart>.fromOpaque(raw!).takeRetainedValue()
                #endif
                start.pool.workerLoop(index: start.index)
                return nil
            }, box.toOpaque())
            if rc == 0 { self.threads.append(tid) } else { box.release() }
        }
    }

    deinit {
        stopping.store(true, ordering: .sequentiallyConsistent)
        generation.add(1, ordering: .sequentiallyConsistent)
        pthread_mutex_lock(mutex)
        pthread_cond_broadcast(cond)
        pthread_mutex_unlock(mutex)
        for t in threads { pthread_join(t, nil) }
        pthread_cond_destroy(cond)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        cond.deallocate()
    }

    /// Number of threads actually running `body` (creation of a worker may have failed).
    public var participants: Int { threads.count + 1 }

    /// Runs `body(workerIndex)` on every participant and returns when all have finished.
    public func run(_ body: (Int) -> Void) {
        let n = participants
        if n == 1 { body(0); return }
        withoutActuallyEscaping(body) { f in
            job = f
            remaining.store(n - 1, ordering: .releasing)
            generation.add(1, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(mutex)
                pthread_cond_broadcast(cond)
                pthread_mutex_unlock(mutex)
            }
            f(0)
            var spins = 0
            while remaining.load(ordering: .acquiring) > 0 {
                spins += 1
                // Other processes may share the cores: give a descheduled worker a chance.
                if spins > 20_000 { sched_yield() }
            }
            job = nil
        }
    }

    /// Splits `0..<count` into contiguous chunks (multiples of `granularity`) over the participants.
    public func parallelFor(_ count: Int, granularity: Int = 1, _ body: (Range<Int>) -> Void) {
        let n = participants
        if n == 1 || count <= granularity { body(0 ..< count); return }
        let units = (count + granularity - 1) / granularity
        run { w in
            let lo = units * w / n * granularity
            let hi = min(count, units * (w + 1) / n * granularity)
            if lo < hi { body(lo ..< hi) }
        }
    }

    private func workerLoop(index: Int) {
        var seen: UInt64 = 0
        while true {
            var g = generation.load(ordering: .acquiring)
            if g == seen {
                let start = monotonicNanoseconds()
                var spins = 0
                while g == seen {
                    spins &+= 1
                    if spins & 1023 == 0 && monotonicNanoseconds() &- start > spinNanoseconds {
                        park(seen: seen)
                    }
                    g = generation.load(ordering: .acquiring)
                }
            }
            seen = g
            if stopping.load(ordering: .acquiring) { return }
            job?(index)
            remaining.subtract(1, ordering: .releasing)
        }
    }

    private func park(seen: UInt64) {
        pthread_mutex_lock(mutex)
        sleepers.add(1, ordering: .sequentiallyConsistent)
        while generation.load(ordering: .sequentiallyConsistent) == seen {
            pthread_cond_wait(cond, mutex)
        }
        sleepers.subtract(1, ordering: .sequentiallyConsistent)
        pthread_mutex_unlock(mutex)
    }
}

private final class WorkerStart {
    let pool: ComputePool
    let index: Int
    init(pool: ComputePool, index: Int) { self.pool = pool; self.index = index }
}

@inline(__always)
func monotonicNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}
