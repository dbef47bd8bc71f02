import Prometheus
import StrataCore

/// The Prometheus metrics the gateway keeps, rendered at `/metrics`.
public final class GatewayMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    static let latencyBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    private func descriptor(_ name: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "strata", metricName: name, unitName: unit, helpText: help)
    }

    public func requestFinished(endpoint: String, model: String, status: Int, seconds: Double) {
        registry.makeCounter(descriptor: descriptor("requests", unit: "total", help: "Requests by endpoint, model and status."),
                             labels: [("endpoint", endpoint), ("model", model), ("status", String(status))]).increment()
        registry.makeValueHistogram(
            descriptor: descriptor("request_duration", unit: "seconds", help: "Request latency."),
            labels: [("endpoint", endpoint), ("model", model)], buckets: Self.latencyBuckets).record(seconds)
    }

    public func timeToFirstToken(model: String, seconds: Double) {
        registry.makeValueHistogram(
            descriptor: descriptor("time_to_first_token", unit: "seconds", help: "Time to the first streamed token."),
            labels: [("model", model)], buckets: Self.latencyBuckets).record(seconds)
    }

    public func tokens(model: String, deployment: String, prompt: Int, completion: Int, cost: Double) {
        let tokens = descriptor("tokens", unit: "total", help: "Tokens by model, deployment and kind.")
        registry.makeCounter(descriptor: tokens, labels: [("model", model), ("deployment", deployment), ("kind", "prompt")])
            .increment(by: Int64(prompt))
        registry.makeCounter(descriptor: tokens, labels: [("model", model), ("deployment", deployment), ("kind", "completion")])
            .increment(by: Int64(completion))
        registry.makeCounter(descriptor: descriptor("cost", unit: "usd_total", help: "Spend in USD by model and deployment."),
                             labels: [("model", model), ("deployment", deployment)]).increment(by: cost)
    }

    public func upstreamError(provider: String, deployment: String, kind: String) {
        registry.makeCounter(descriptor: descriptor("upstream_errors", unit: "total", help: "Failed upstream attempts."),
                             labels: [("provider", provider), ("deployment", deployment), ("kind", kind)]).increment()
    }

    public func tracesDropped(_ count: Int) {
        registry.makeCounter(descriptor: descriptor("traces_dropped", unit: "total",
                                                    help: "Traces dropped because the recorder queue was full."))
            .increment(by: Int64(count))
    }

    public func render() -> String {
        registry.emitToString()
    }
}
