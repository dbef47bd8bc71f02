import Foundation
import Synchronization

/// Dedicated threads that run one data-parallel job at a time: the caller publishes a job by
/// bumping an atomic generation, workers spinning on it pick tasks from a shared counter.
///
/// Why not Dispatch or Swift concurrency: per-layer jobs last tens of microseconds, a
/// semaphore wake costs about 48 µs on these machines, and the cooperative pool (2 threads)
/// belongs to the HTTP side. Workers spin for about 0.1 ms after a job, then sleep on a
/// condition so an idle server does not burn a core.
final class ComputePool: @unchecked Sendable {
    /// State shared with the worker threads; the pool object itself is not captured by them,
    /// so dropping the pool shuts the workers down.
    private final class Shared: @unchecked Sendable {
        let generation = Atomic<Int>(0)
        let nextTask = Atomic<Int>(0)
        let unfinishedWorkers = Atomic<Int>(0)
        let shutdown = Atomic<Bool>(false)
        let sleepers = NSCondition()
        // Written by the caller before the releasing generation bump, read after an acquiring load.
        var taskCount = 0
        var job: ((Int) -> Void)?
    }

    /// Threads working on a job, the caller included.
    let threadCount: Int
    private let shared = Shared()
    private static let spinsBeforeSleep = 200_000

    init(threads: Int) {
        threadCount = max(1, threads)
        for index in 1..<threadCount {
            let shared = self.shared
            let thread = Thread { ComputePool.workerLoop(shared) }
            thread.name = "strata-embed-\(index)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    deinit {
        shared.shutdown.store(true, ordering: .releasing)
        shared.generation.add(1, ordering: .releasing)
        shared.sleepers.lock()
        shared.sleepers.broadcast()
        shared.sleepers.unlock()
    }

    /// Runs `body(0..<count)` spread over the threads and returns when every task is done.
    /// Not reentrant: one job at a time (the embedder serialises its callers).
    func run(_ count: Int, _ body: (Int) -> Void) {
        guard count > 0 else { return }
        if threadCount == 1 || count == 1 {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { job in
            let s = shared
            s.job = job
            s.taskCount = count
            s.nextTask.store(0, ordering: .relaxed)
            s.unfinishedWorkers.store(threadCount - 1, ordering: .relaxed)
            s.generation.add(1, ordering: .releasing)
            s.sleepers.lock()
            s.sleepers.broadcast()
            s.sleepers.unlock()
            Self.drain(s, job)
            while s.unfinishedWorkers.load(ordering: .acquiring) > 0 {}
            s.job = nil
        }
    }

    private static func drain(_ s: Shared, _ job: (Int) -> Void) {
        let count = s.taskCount
        while true {
            let i = s.nextTask.add(1, ordering: .relaxed).oldValue
            if i >= count { return }
            job(i)
        }
    }

    private static func workerLoop(_ s: Shared) {
        var seen = 0
        while true {
            var spins = 0
            var generation = s.generation.load(ordering: .acquiring)
            while generation == seen {
                spins += 1
                if spins > spinsBeforeSleep {
                    s.sleepers.lock()
                    while s.generation.load(ordering: .acquiring) == seen { s.sleepers.wait() }
                    s.sleepers.unlock()
                    spins = 0
                }
                generation = s.generation.load(ordering: .acquiring)
            }
            seen = generation
            if s.shutdown.load(ordering: .acquiring) { return }
            if let job = s.job { drain(s, job) }
            s.unfinishedWorkers.subtract(1, ordering: .releasing)
        }
    }
}
