import Foundation
import HTTPTypes
import Hummingbird
import StrataCore
import StrataGateway

/// Liveness, readiness, Prometheus metrics and the OpenAPI document.
struct OperationsRoutes: Sendable {
    let deps: ServerDependencies
    let recorder: TraceRecorder

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/healthz") { _, _ in JSONResponse.make(["status": "ok"]) }
        router.get("/readyz") { _, _ in try await ready() }
        router.get("/metrics") { _, _ in await metrics() }
        router.get("/openapi.json") { _, _ in JSONResponse.make(OpenAPIDocument.document) }
    }

    func ready() async throws -> Response {
        do {
            try await deps.store.ping()
        } catch {
            let failure = StrataError(status: 503, type: "api_error", code: "store_unavailable",
                                      message: "The database does not answer: \(error)")
            return JSONResponse.error(failure)
        }
        let body: JSONValue = [
            "status": "ready",
            "models": .array(deps.catalog.modelNames.map { .string($0) }),
            "trace_queue": .number(Double(await recorder.queued)),
        ]
        return JSONResponse.make(body)
    }

    /// The local engines' key/value memory, prefix cache, speculation and batching, one
    /// family at a time (the exposition format wants each family's samples together).
    func engineMetrics() async -> String {
        var families: [(name: String, type: String, samples: [String])] = [
            ("strata_engine_kv_blocks", "gauge", []), ("strata_engine_kv_evictions_total", "counter", []),
            ("strata_engine_prefix_cache_lookups_total", "counter", []), ("strata_engine_prefix_cache_hits_total", "counter", []),
            ("strata_engine_speculative_tokens_total", "counter", []), ("strata_engine_decode_steps_total", "counter", []),
            ("strata_engine_decode_step_tokens_total", "counter", []), ("strata_engine_running_sequences", "gauge", []),
        ]
        var seen = Set<String>()
        for deployment in deps.catalog.allDeployments where deployment.kind == .local {
            guard let path = deployment.path, seen.insert(path).inserted,
                  let stats = await deps.localModels.loadedChatModel(at: path, exactBatching: deployment.exactBatching,
                                                                     kvCacheMemory: deployment.kvCacheMemory)?.engineStats
            else { continue }
            let m = "model=\"\(deployment.publicModel)\""
            let values: [[String]] = [
                ["{\(m),state=\"capacity\"} \(stats.blockCapacity)", "{\(m),state=\"allocated\"} \(stats.blocksAllocated)",
                 "{\(m),state=\"in_use\"} \(stats.blocksInUse)", "{\(m),state=\"cached\"} \(stats.blocksCached)"],
                ["{\(m)} \(stats.evictions)"], ["{\(m)} \(stats.prefixLookups)"], ["{\(m)} \(stats.prefixHits)"],
                ["{\(m),kind=\"drafted\"} \(stats.draftedTokens)", "{\(m),kind=\"accepted\"} \(stats.acceptedDraftTokens)"],
                ["{\(m)} \(stats.steps)"], ["{\(m)} \(stats.stepTokens)"], ["{\(m)} \(stats.running)"],
            ]
            for (i, samples) in values.enumerated() { families[i].samples += samples.map { families[i].name + $0 } }
        }
        return families.filter { !$0.samples.isEmpty }.map { family in
            "# TYPE \(family.name) \(family.type)\n" + family.samples.joined(separator: "\n") + "\n"
        }.joined()
    }

    func metrics() async -> Response {
        var text = deps.metrics.render()
        let dropped = await recorder.droppedCount
        let queued = await recorder.queued
        text += "# TYPE strata_trace_queue_length gauge\nstrata_trace_queue_length \(queued)\n"
        text += "# TYPE strata_traces_dropped_current gauge\nstrata_traces_dropped_current \(dropped)\n"
        text += await engineMetrics()
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                         body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
