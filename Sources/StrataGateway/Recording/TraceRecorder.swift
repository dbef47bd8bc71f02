import Logging
import StrataCore
import StrataStore

/// Writes traces off the request path: requests drop their trace into a bounded in-memory
/// queue and return; `run()` flushes batches to the store. When the queue is full the config
/// decides: drop (counted in `strata_traces_dropped_total`) or make the request wait.
public actor TraceRecorder {
    private var buffer: [TraceRecord] = []
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var flushSignal: CheckedContinuation<Void, Never>?
    private let store: any TraceStore
    private let config: StorageConfig
    private let metrics: GatewayMetrics
    private let logger: Logger
    public private(set) var droppedCount = 0
    public private(set) var writtenCount = 0

    public init(store: any TraceStore, config: StorageConfig, metrics: GatewayMetrics, logger: Logger) {
        self.store = store
        self.config = config
        self.metrics = metrics
        self.logger = logger
    }

    public var queued: Int { buffer.count }

    public func record(_ trace: TraceRecord) async {
        while buffer.count >= config.queueCapacity {
            if config.onQueueFull == .drop {
                droppedCount += 1
                metrics.tracesDropped(1)
                if droppedCount == 1 || droppedCount % 1000 == 0 {
                    logger.warning("trace queue full, dropping traces", metadata: ["dropped": "\(droppedCount)"])
                }
                return
            }
            await withCheckedContinuation { waiters.append($0) }
        }
        buffer.append(trace)
        if buffer.count >= config.batchSize { wakeFlusher() }
    }

    /// Flushes on an interval (or when a batch fills) until cancelled, then flushes what is left.
    public func run() async {
        let interval = UInt64(max(10, config.flushIntervalMilliseconds)) * 1_000_000
        while !Task.isCancelled {
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    flushSignal = continuation
                    Task { [weak self] in
                        try? await Task.sleep(nanoseconds: interval)
                        await self?.wakeFlusher()
                    }
                }
            } onCancel: {
                Task { await self.wakeFlusher() }
            }
            await flushShielded()
        }
        await flushShielded()
    }

    /// Flushes in a task of its own so a shutdown (cancellation) never interrupts a write half-way.
    private func flushShielded() async {
        await Task { await self.flush() }.value
    }

    /// Writes everything queued now.
    public func flush() async {
        while !buffer.isEmpty {
            let batch = Array(buffer.prefix(config.batchSize))
            buffer.removeFirst(batch.count)
            resumeWaiters()
            do {
                try await store.insert(batch)
                writtenCount += batch.count
            } catch {
                droppedCount += batch.count
                metrics.tracesDropped(batch.count)
                logger.error("writing traces failed; batch dropped",
                             metadata: ["count": "\(batch.count)", "error": "\(error)"])
            }
        }
    }

    private func wakeFlusher() {
        flushSignal?.resume()
        flushSignal = nil
    }

    private func resumeWaiters() {
        let room = config.queueCapacity - buffer.count
        guard room > 0, !waiters.isEmpty else { return }
        let ready = waiters.prefix(room)
        waiters.removeFirst(ready.count)
        for waiter in ready { waiter.resume() }
    }
}
