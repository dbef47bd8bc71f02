import AsyncHTTPClient
import Logging
import StrataCore
import StrataGateway
import StrataProviders
import StrataStore
import StrataTestSupport

/// A router over real providers talking to a fake upstream, with a hand-moved clock.
struct GatewayHarness {
    let upstream: FakeUpstream
    let http: HTTPClient
    let time: ManualTime
    let router: ChatRouter

    static func make(models: [ModelConfig], retries: Int = 2, cooldownFailures: Int = 3, random: [Double] = [0.5],
                     upstream: FakeUpstream) -> GatewayHarness {
        var config = StrataConfig()
        config.models = models
        config.retries.maxRetries = retries
        config.cooldown.failures = cooldownFailures
        config.cooldown.seconds = 30
        let http = UpstreamClient.makeHTTPClient()
        let time = ManualTime()
        let metrics = GatewayMetrics()
        let randomSource = ScriptedRandom(random)
        let router = ChatRouter(
            catalog: CatalogBox(try! ModelCatalog(config: config)),
            providers: ProviderSet.standard(client: UpstreamClient(http: http), local: LocalModelCache(), time: time),
            health: DeploymentHealth(cooldown: config.cooldown, time: time), prices: PriceBook(),
            retry: RetryPolicy(config: config.retries, random: randomSource), balancer: LoadBalancer(random: randomSource),
            time: time, metrics: metrics, logger: Logger(label: "test"))
        return GatewayHarness(upstream: upstream, http: http, time: time, router: router)
    }

    static func deployment(_ id: String, upstream: FakeUpstream, kind: ProviderKind = .openai, weight: Double = 1,
                           price: Price? = nil) -> DeploymentConfig {
        var deployment = DeploymentConfig(provider: kind, model: "upstream-\(id)",
                                          baseURL: upstream.baseURL + (kind == .openai ? "/v1" : ""), apiKey: "k")
        deployment.id = id
        deployment.weight = weight
        deployment.price = price
        return deployment
    }

    func chat(_ model: String) async throws -> ChatRouter.Routed<ChatCompletionResponse> {
        let request = ChatCompletionRequest(model: model, messages: [.text("user", "hi")])
        let router = self.router
        return try await router.run(model: model, estimatedPromptTokens: 10) { deployment in
            try await router.chatProvider(for: deployment).complete(request, on: deployment)
        }
    }

    func shutdown() async throws {
        try await http.shutdown()
    }
}
