#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A dedicated thread that runs engine jobs one after another, off Swift's cooperative pool
/// (which has two threads here and serves HTTP). Jobs queue in arrival order; that is where
/// continuous batching will plug in.
final class EngineThread: @unchecked Sendable {
    typealias Job = @Sendable () -> Void
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let cond = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var jobs: [Job] = []
    private var stopping = false
    private var thread: pthread_t?

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(cond, nil)
        let box = Unmanaged.passRetained(self)
        var tid = pthread_t()
        // The thread holds a reference until it exits; `stop()` ends it.
        if pthread_create(&tid, nil, { raw in
            #if canImport(Darwin)
            let me = Unmanaged<EngineThread>.fromOpaque(raw).takeRetainedValue()
            #else
            let me = Unmanaged<EngineThread>.fromOpaque(raw!).takeRetainedValue()
            #endif
            me.loop()
            return nil
        }, box.toOpaque()) == 0 {
            thread = tid
        } else {
            box.release()
        }
    }

    deinit {
        pthread_cond_destroy(cond)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        cond.deallocate()
    }

    var isRunning: Bool { thread != nil }

    func submit(_ job: @escaping Job) {
        pthread_mutex_lock(mutex)
        jobs.append(job)
        pthread_cond_signal(cond)
        pthread_mutex_unlock(mutex)
    }

    /// Lets queued jobs finish, then ends the thread.
    func stop() {
        pthread_mutex_lock(mutex)
        stopping = true
        pthread_cond_signal(cond)
        pthread_mutex_unlock(mutex)
    }

    private func loop() {
        while true {
            pthread_mutex_lock(mutex)
            while jobs.isEmpty && !stopping { pthread_cond_wait(cond, mutex) }
            if jobs.isEmpty && stopping {
                pthread_mutex_unlock(mutex)
                return
            }
            let job = jobs.removeFirst()
            pthread_mutex_unlock(mutex)
            job()
        }
    }
}
