import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle
import StrataCore
import StrataGateway
import StrataGuard
import StrataKnowledge
import StrataProviders
import StrataStore
import Synchronization

/// Builds the whole server from a config: store, HTTP client, providers, router, recorder,
/// routes; and runs it until SIGINT/SIGTERM, reloading the config on SIGHUP.
public final class StrataApplication: Sendable {
    public let config: StrataConfig
    public let store: SQLiteStore
    public let catalog: CatalogBox
    public let recorder: TraceRecorder
    public let metrics: GatewayMetrics
    public let audit: AuditLog
    public let knowledge: KnowledgeBase
    let deps: ServerDependencies
    let httpClient: HTTPClient
    let logger: Logger
    private let serviceGroup = Mutex<ServiceGroup?>(nil)

    /// - Parameters:
    ///   - providers: replaces the hosted providers (tests pass their own); nil builds the real ones.
    public init(config: StrataConfig, logger: Logger, time: any TimeSource = SystemTimeSource(),
                random: any RandomSource = SystemRandomSource(), providers: ProviderSet? = nil) async throws {
        self.config = config
        self.logger = logger
        let store = try SQLiteStore(path: config.storage.database)
        self.store = store
        let httpClient = UpstreamClient.makeHTTPClient()
        self.httpClient = httpClient
        let metrics = GatewayMetrics()
        self.metrics = metrics
        let localModels = LocalModelCache(threads: 2)
        await Self.preload(config: config, into: localModels, logger: logger)
        let initialCatalog = try ModelCatalog(config: config)
        try await initialCatalog.guards?.prepare(spent: Self.spendLookup(store))
        let catalog = CatalogBox(initialCatalog)
        self.catalog = catalog
        var overrides: [String: Price] = [:]
        for price in try await store.priceOverrides() {
            overrides[price.deployment] = Price(input: price.input, output: price.output)
        }
        let router = ChatRouter(
            catalog: catalog,
            providers: providers ?? ProviderSet.standard(client: UpstreamClient(http: httpClient), local: localModels, time: time),
            health: DeploymentHealth(cooldown: config.cooldown, time: time), prices: PriceBook(overrides: overrides),
            retry: RetryPolicy(config: config.retries, random: random), balancer: LoadBalancer(random: random),
            time: time, metrics: metrics, logger: logger)
        let recorder = TraceRecorder(store: store, config: config.storage, metrics: metrics, logger: logger)
        self.recorder = recorder
        let audit = try await AuditLog(store: store, time: time, logger: logger)
        self.audit = audit
        let tally = AuditTally(audit: audit, time: time)
        let basePipeline = ChatPipeline(router: router, recorder: recorder, metrics: metrics, time: time,
                                        traceBodyLimit: config.storage.traceBodyMaxBytes, audit: audit,
                                        tally: tally)
        let embeddings = EmbeddingPipeline(chat: basePipeline)
        let embedders = GatewayEmbedders(pipeline: embeddings, localModels: localModels, time: time)
        let knowledge = KnowledgeBase(store: store, snapshotDirectory: Self.indexDirectory(database: config.storage.database),
                                      embedders: { try await embedders.lookup($0) }, time: time, logger: logger)
        self.knowledge = knowledge
        let pipeline = basePipeline.with(retrieval: RetrievalStage(knowledge: knowledge))
        deps = ServerDependencies(
            pipeline: pipeline, embeddings: embeddings, completions: CompletionPipeline(chat: pipeline),
            authenticator: KeyAuthenticator(keys: store, masterKey: config.auth.masterKey, time: time), store: store,
            metrics: metrics, decoding: RequestDecoding(maxBodyBytes: config.server.maxBodyBytes), time: time, logger: logger,
            audit: audit, knowledge: knowledge, embedders: embedders, tally: tally,
            localModels: localModels)
    }

    /// The bundled embedding model's name when the config has it: collections' default embedder.
    public var defaultEmbedder: String? { deps.embedders.defaultEmbedder }

    /// Vector index snapshots live next to the database, in `indexes/`.
    static func indexDirectory(database: String) -> String {
        let folder = (database as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "." : folder) + "/indexes"
    }

    /// Opens every local model once at start, so a broken file is reported now, with its
    /// reason; the server still starts and that model answers with the same error.
    static func preload(config: StrataConfig, into cache: LocalModelCache, logger: Logger) async {
        for deployment in Deployment.all(from: config) where deployment.kind == .local {
            guard let path = deployment.path else { continue }
            do {
                if LocalModelCache.isEmbedderDirectory(path) {
                    _ = try await cache.embedder(at: path)
                } else {
                    _ = try await cache.chatModel(at: path, exactBatching: deployment.exactBatching,
                                                  kvCacheMemory: deployment.kvCacheMemory)
                }
                logger.info("local model loaded", metadata: ["model": "\(deployment.publicModel)", "path": "\(path)"])
            } catch {
                logger.error("local model cannot be loaded", metadata: [
                    "model": "\(deployment.publicModel)", "path": "\(path)", "error": "\(error)",
                ])
            }
        }
    }

    /// Reads a budget scope's spend from the traces.
    static func spendLookup(_ store: SQLiteStore) -> GuardStage.SpendLookup {
        { scope, since in
            let owner: SpendOwner
            switch scope.kind {
            case .key: owner = .key(scope.id == "master" || scope.id == "anonymous" ? nil : scope.id)
            case .model: owner = .model(scope.id)
            case .user: owner = .user(scope.id)
            case .tenant: owner = .tenant(scope.id)
            case .route: return .zero
            }
            let (usd, tokens) = try await store.spend(of: owner, since: since)
            return BudgetAmount(usd: usd, tokens: Int64(tokens))
        }
    }

    /// Swaps in a new config's models and routes; in-flight requests finish on the old ones.
    public func reload(_ newConfig: StrataConfig) async throws {
        let fresh = try ModelCatalog(config: newConfig)
        try await fresh.guards?.prepare(spent: Self.spendLookup(store))
        catalog.replace(with: fresh)
        await audit.record(actor: "system", action: "config.reload", subject: "config",
                           details: ["models": newConfig.models.map(\.name).joined(separator: ",")])
        logger.info("config reloaded", metadata: ["models": "\(newConfig.models.count)"])
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: APIErrorMiddleware())
        CollectionRoutes(deps: deps).register(on: router)
        OpenAIRoutes(deps: deps).register(on: router)
        AnthropicRoutes(deps: deps).register(on: router)
        AdminRoutes(deps: deps).register(on: router)
        TraceRoutes(deps: deps).register(on: router)
        InboxRoutes(deps: deps).register(on: router)
        OperationsRoutes(deps: deps, recorder: recorder).register(on: router)
        ConsoleRoutes(deps: deps).register(on: router)
        return router
    }

    /// Serves until SIGINT/SIGTERM or `shutdown()`; `onListening` gets the bound port (useful
    /// with port 0). Shutdown is graceful: the listener closes, in-flight requests finish,
    /// the health prober stops, then the recorder flushes and the HTTP client closes.
    public func run(host: String? = nil, port: Int? = nil,
                    onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(host ?? config.server.host, port: port ?? config.server.port),
                                 serverName: "strata"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        // Graceful shutdown runs in reverse order: the server first, the recorder last.
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: RecorderService(recorder: recorder)),
                .init(service: HealthCheckService(deps: deps, config: config.healthChecks)),
                .init(service: PeriodicFlushService(knowledge: knowledge, tally: deps.tally)),
                .init(service: app),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        serviceGroup.withLock { $0 = group }
        do {
            try await group.run()
        } catch {
            await recorder.flush()
            try? await httpClient.shutdown()
            throw error
        }
        await recorder.flush()
        try await httpClient.shutdown()
    }

    /// Releases what an application that was never `run` holds (CLI commands use it without
    /// serving): flushes traces, saves index snapshots, closes the HTTP client.
    public func close() async {
        await deps.tally.flush()
        await recorder.flush()
        await knowledge.saveSnapshots()
        try? await httpClient.shutdown()
    }

    /// Starts a graceful shutdown of a running server, as SIGTERM does; `run` returns once done.
    public func shutdown() async {
        await serviceGroup.withLock { $0 }?.triggerGracefulShutdown()
    }
}

/// Runs the trace recorder's flush loop as a lifecycle service; flushes on shutdown.
struct RecorderService: Service {
    let recorder: TraceRecorder

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await recorder.run()
        }
    }
}

/// Every minute and once more on shutdown: saves changed vector index snapshots and writes
/// the tallied key uses and guard verdicts to the audit log.
struct PeriodicFlushService: Service {
    let knowledge: KnowledgeBase
    let tally: AuditTally

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while true {
                // A cancelled sleep means shutdown: flush below, outside the cancelled task
                // (database writes refuse to start in a cancelled task).
                do { try await Task.sleep(nanoseconds: 60_000_000_000) } catch { break }
                await flush()
            }
        }
        await flush()
    }

    func flush() async {
        await knowledge.saveSnapshots()
        await tally.flush()
    }
}

/// Probes deployments on an interval (when configured) and feeds the results to the router.
struct HealthCheckService: Service {
    let deps: ServerDependencies
    let config: HealthCheckConfig

    func run() async throws {
        guard config.intervalSeconds > 0 else {
            try? await gracefulShutdown()
            return
        }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                for deployment in deps.catalog.allDeployments {
                    guard let probe = deps.router.providers.probes[deployment.kind] else { continue }
                    var probed = deployment
                    probed.timeouts.connect = config.timeoutSeconds
                    do {
                        try await probe.probe(probed)
                        deps.router.health.probed(deployment.id, healthy: true)
                    } catch {
                        deps.logger.warning("health probe failed", metadata: ["deployment": "\(deployment.id)", "error": "\(error)"])
                        deps.router.health.probed(deployment.id, healthy: false)
                    }
                }
                try? await Task.sleep(nanoseconds: UInt64(config.intervalSeconds * 1_000_000_000))
            }
        }
    }
}
