import Foundation
import Logging
import StrataCore
import StrataGateway
import StrataStore
import XCTest

final class TraceRecorderTests: XCTestCase {
    func makeStore() throws -> SQLiteStore {
        try SQLiteStore(path: NSTemporaryDirectory() + "strata-recorder-\(UUID().uuidString)/db.sqlite")
    }

    static func trace(_ index: Int) -> TraceRecord {
        TraceRecord(id: "t\(index)", createdAt: Double(index), endpoint: "/v1/chat/completions", modelRequested: "m")
    }

    func testDropPolicyCountsWhatItDrops() async throws {
        var config = StorageConfig()
        config.queueCapacity = 5
        config.onQueueFull = .drop
        let store = try makeStore()
        let metrics = GatewayMetrics()
        let recorder = TraceRecorder(store: store, config: config, metrics: metrics, logger: Logger(label: "t"))
        for index in 0..<8 { await recorder.record(Self.trace(index)) }
        let dropped = await recorder.droppedCount
        XCTAssertEqual(dropped, 3)
        XCTAssertTrue(metrics.render().contains("strata_traces_dropped_total 3"))
        await recorder.flush()
        let stored = try await store.list(TraceQuery())
        XCTAssertEqual(stored.count, 5)
    }

    func testBlockPolicyLosesNothing() async throws {
        var config = StorageConfig()
        config.queueCapacity = 3
        config.batchSize = 2
        config.flushIntervalMilliseconds = 10
        config.onQueueFull = .block
        let store = try makeStore()
        let recorder = TraceRecorder(store: store, config: config, metrics: GatewayMetrics(), logger: Logger(label: "t"))
        let flusher = Task { await recorder.run() }
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<50 { group.addTask { await recorder.record(Self.trace(index)) } }
        }
        flusher.cancel()
        await flusher.value
        var query = TraceQuery()
        query.limit = 100
        let stored = try await store.list(query)
        XCTAssertEqual(stored.count, 50)
        let dropped = await recorder.droppedCount
        XCTAssertEqual(dropped, 0)
    }
}
