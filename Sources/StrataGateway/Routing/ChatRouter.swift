import Logging
import StrataCore
import StrataProviders
import StrataStore

/// Sends one request to the right deployment: applies routing rules, orders deployments by
/// strategy and health, retries with backoff, moves on to other deployments and then to the
/// model's fallbacks, and reports every attempt.
public struct ChatRouter: Sendable {
    public let catalog: CatalogBox
    public let providers: ProviderSet
    public let health: DeploymentHealth
    public let prices: PriceBook
    let retry: RetryPolicy
    let balancer: LoadBalancer
    let time: any TimeSource
    let metrics: GatewayMetrics
    let logger: Logger

    public init(catalog: CatalogBox, providers: ProviderSet, health: DeploymentHealth, prices: PriceBook,
                retry: RetryPolicy, balancer: LoadBalancer, time: any TimeSource, metrics: GatewayMetrics, logger: Logger) {
        self.catalog = catalog
        self.providers = providers
        self.health = health
        self.prices = prices
        self.retry = retry
        self.balancer = balancer
        self.time = time
        self.metrics = metrics
        self.logger = logger
    }

    /// The outcome of routing: the value and where it came from.
    public struct Routed<Value: Sendable>: Sendable {
        public var value: Value
        public var deployment: Deployment
        public var model: String
        public var attempts: [TraceRecord.Attempt]
    }

    /// A failure after every option was tried, with the attempts made.
    public struct Failure: Error, Sendable {
        public var error: StrataError
        public var attempts: [TraceRecord.Attempt]
    }

    /// The model a request goes to after routing rules.
    public func target(for features: RoutingRuleMatcher.Features) -> String {
        RoutingRuleMatcher(rules: catalog.catalog.config.routing.rules).match(features)?.routeTo ?? features.model
    }

    /// Runs `operation` on deployments of `model` and its fallbacks until one succeeds.
    public func run<Value: Sendable>(
        model: String, estimatedPromptTokens: Int,
        operation: @Sendable (Deployment) async throws -> Value
    ) async throws -> Routed<Value> {
        let snapshot = catalog.catalog
        guard snapshot.models[model] != nil else {
            throw Failure(error: .modelNotFound(model, available: snapshot.modelNames), attempts: [])
        }
        var attempts: [TraceRecord.Attempt] = []
        var lastError: ProviderError?
        for candidate in snapshot.fallbackChain(from: model) {
            let deployments = snapshot.deployments(of: candidate)
            let ordered = balancer.order(
                deployments, strategy: snapshot.models[candidate]?.strategy ?? .weighted,
                health: health.snapshot(), prices: prices.prices(of: deployments),
                estimatedPromptTokens: estimatedPromptTokens, now: time.now())
            for deployment in ordered {
                var tries = 0
                while true {
                    try Task.checkCancellation()
                    if tries > 0 {
                        try await time.sleep(seconds: retry.delay(beforeRetry: tries, retryAfter: lastError?.retryAfter))
                    }
                    tries += 1
                    let started = time.now()
                    health.started(deployment.id)
                    do {
                        let value = try await operation(deployment)
                        health.finished(deployment.id)
                        let elapsed = time.now() - started
                        health.succeeded(deployment.id, seconds: elapsed)
                        attempts.append(.init(deployment: deployment.id, status: 200, error: nil, milliseconds: elapsed * 1000))
                        return Routed(value: value, deployment: deployment, model: candidate, attempts: attempts)
                    } catch {
                        health.finished(deployment.id)
                        if error is CancellationError || Task.isCancelled { throw CancellationError() }
                        let failure = error as? ProviderError
                            ?? ProviderError(kind: .serverError, provider: deployment.id, message: "\(error)")
                        lastError = failure
                        attempts.append(.init(deployment: deployment.id, status: failure.status, error: failure.description,
                                              milliseconds: (time.now() - started) * 1000))
                        metrics.upstreamError(provider: deployment.kind.rawValue, deployment: deployment.id,
                                              kind: failure.kind.rawValue)
                        logger.warning("upstream attempt failed", metadata: [
                            "deployment": "\(deployment.id)", "kind": "\(failure.kind.rawValue)", "error": "\(failure.message)",
                        ])
                        var coolingDown = false
                        if failure.isDeploymentFailure {
                            coolingDown = health.failed(deployment.id, retryAfter: failure.retryAfter)
                        }
                        if !failure.triggersFallback {
                            throw Failure(error: failure.strataError, attempts: attempts)
                        }
                        if !failure.isRetryable || coolingDown || tries > retry.config.maxRetries { break }
                    }
                }
            }
        }
        let error = lastError?.strataError
            ?? StrataError.upstream(status: 503, provider: model, message: "no deployment could serve the request",
                                    code: "no_deployment_available")
        throw Failure(error: error, attempts: attempts)
    }
}

extension ChatRouter {
    public func chatProvider(for deployment: Deployment) throws -> any ChatProvider {
        guard let provider = providers.chat[deployment.kind] else {
            throw ProviderError(kind: .notFound, provider: deployment.id,
                                message: "deployments of kind '\(deployment.kind.rawValue)' cannot serve chat requests")
        }
        return provider
    }

    public func embeddingProvider(for deployment: Deployment) throws -> any EmbeddingProvider {
        guard let provider = providers.embeddings[deployment.kind] else {
            throw ProviderError(kind: .badRequest, provider: deployment.id,
                                message: "model '\(deployment.publicModel)' does not serve embeddings")
        }
        return provider
    }
}
