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

    func metrics() async -> Response {
        var text = deps.metrics.render()
        let dropped = await recorder.droppedCount
        let queued = await recorder.queued
        text += "# TYPE strata_trace_queue_length gauge\nstrata_trace_queue_length \(queued)\n"
        text += "# TYPE strata_traces_dropped_current gauge\nstrata_traces_dropped_current \(dropped)\n"
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                         body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
