#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A pool of dedicated threads for the engine's data-parallel loops. Workers spin on an
/// atomic job word so that handing out a ~10 µs slice of a matrix product costs well under a
/// microsecond (a semaphore wake costs ≈ 50 µs on these machines, see ENGINE-NOTES.md), and
/// park after `spinNanoseconds` of idleness so an idle server does not burn cores.
///
/// Work is split into chunks that threads claim one at a time from the job word, so a worker
/// that the OS has descheduled (other processes share the cores) delays nothing: the calling
/// thread, which always takes part, simply claims the remaining chunks itself.
/// The caller must not be a Swift concurrency thread (the engine uses its own thread).
public final class ComputePool: @unchecked Sendable {
    /// Threads created, including the calling thread.
    public let size: Int
    private let spinNanoseconds: UInt64
    /// generation (24 bits) | next chunk (20 bits) | chunk count (20 bits)
    private let job = Atomic<UInt64>(0)
    private let done = Atomic<Int>(0)
    private let sleepers = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    // Written before the job word is published (release), read after a successful claim (acquire).
    private var body: ((Int, Int) -> Void)?
    private var generation: UInt64 = 0
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let cond = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var threads: [pthread_t] = []

    static let maxChunks = (1 << 20) - 1

    public init(threads count: Int, spinNanoseconds: UInt64 = 200_000) {
        size = max(1, count)
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
            if rc == 0 { threads.append(tid) } else { box.release() }
        }
    }

    deinit {
        stopping.store(true, ordering: .sequentiallyConsistent)
        job.add(1 << 40, ordering: .sequentiallyConsistent)
        pthread_mutex_lock(mutex)
        pthread_cond_broadcast(cond)
        pthread_mutex_unlock(mutex)
        for t in threads { pthread_join(t, nil) }
        pthread_cond_destroy(cond)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        cond.deallocate()
    }

    /// Number of threads that take part in each job (worker creation may have failed).
    public var participants: Int { threads.count + 1 }

    /// Runs `body(chunk, thread)` for every chunk in `0..<chunks` across the pool and returns
    /// when all are done. `thread` (0..<participants) identifies the executing thread, for
    /// per-thread scratch memory.
    public func run(chunks: Int, _ body: (_ chunk: Int, _ thread: Int) -> Void) {
        precondition(chunks <= Self.maxChunks)
        if chunks <= 0 { return }
        if threads.isEmpty || chunks == 1 {
            for c in 0 ..< chunks { body(c, 0) }
            return
        }
        withoutActuallyEscaping(body) { f in
            self.body = f
            done.store(0, ordering: .relaxed)
            generation = (generation + 1) & 0xFF_FFFF
            job.store(generation << 40 | UInt64(chunks), ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(mutex)
                pthread_cond_broadcast(cond)
                pthread_mutex_unlock(mutex)
            }
            work(generation: generation, thread: 0)
            var spins = 0
            while done.load(ordering: .acquiring) < chunks {
                spins += 1
                if spins > 2_000 { sched_yield() }
            }
            self.body = nil
        }
    }

    /// Splits `0..<count` into contiguous ranges (multiples of `granularity`, a few per thread).
    public func parallelFor(_ count: Int, granularity: Int = 1, _ body: (Range<Int>) -> Void) {
        let units = (count + granularity - 1) / granularity
        let chunks = min(units, participants * 4)
        if chunks <= 1 { body(0 ..< count); return }
        run(chunks: chunks) { c, _ in
            let lo = min(count, units * c / chunks * granularity)
            let hi = min(count, units * (c + 1) / chunks * granularity)
            if lo < hi { body(lo ..< hi) }
        }
    }

    /// Claims and runs chunks of job `generation` until none are left.
    private func work(generation g: UInt64, thread: Int) {
        var v = job.load(ordering: .acquiring)
        while true {
            let next = (v >> 20) & 0xF_FFFF, total = v & 0xF_FFFF
            guard v >> 40 == g, next < total else { return }
            let (exchanged, current) = job.compareExchange(expected: v, desired: v + (1 << 20), ordering: .acquiringAndReleasing)
            if exchanged {
                body?(Int(next), thread)
                done.add(1, ordering: .releasing)
                v = job.load(ordering: .acquiring)
            } else {
                v = current
            }
        }
    }

    private func workerLoop(index: Int) {
        var seen: UInt64 = 0
        while true {
            var g = job.load(ordering: .acquiring) >> 40
            if g == seen {
                let start = monotonicNanoseconds()
                var spins = 0
                while g == seen {
                    spins &+= 1
                    if spins & 255 == 0 {
                        if monotonicNanoseconds() &- start > spinNanoseconds { park(seen: seen) }
                        // On a shared machine, let a runnable thread (maybe our own caller) have the core.
                        else if spins > 4096 { sched_yield() }
                    }
                    g = job.load(ordering: .acquiring) >> 40
                }
            }
            seen = g
            if stopping.load(ordering: .acquiring) { return }
            work(generation: g, thread: index)
        }
    }

    private func park(seen: UInt64) {
        pthread_mutex_lock(mutex)
        sleepers.add(1, ordering: .sequentiallyConsistent)
        while job.load(ordering: .sequentiallyConsistent) >> 40 == seen && !stopping.load(ordering: .sequentiallyConsistent) {
            pthread_cond_wait(cond, mutex)
        }
        sleepers.subtract(1, ordering: .sequentiallyConsistent)
        pthread_mutex_unlock(mutex)
    }
}

/// Start arguments of a worker. It holds the pool unowned: `deinit` joins the workers before
/// the pool's memory goes away.
private final class WorkerStart {
    unowned(unsafe) let pool: ComputePool
    let index: Int
    init(pool: ComputePool, index: Int) { self.pool = pool; self.index = index }
}

@inline(__always)
func monotonicNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}
