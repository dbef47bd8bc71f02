import StrataCore
import StrataProviders
import Synchronization

/// Prices per deployment: the config's, overridden at run time (admin API, price feeds).
/// Read on every request, so a mutex rather than an actor (see DeploymentHealth).
public final class PriceBook: Sendable {
    private let overrides: Mutex<[String: Price]>

    public init(overrides: [String: Price] = [:]) {
        self.overrides = Mutex(overrides)
    }

    public func set(_ price: Price, for deployment: String) {
        overrides.withLock { $0[deployment] = price }
    }

    public func price(of deployment: Deployment) -> Price? {
        overrides.withLock { $0[deployment.id] } ?? deployment.price
    }

    public func prices(of deployments: [Deployment]) -> [String: Price] {
        let current = overrides.withLock { $0 }
        var result: [String: Price] = [:]
        for deployment in deployments {
            if let price = current[deployment.id] ?? deployment.price { result[deployment.id] = price }
        }
        return result
    }

    public func allOverrides() -> [String: Price] { overrides.withLock { $0 } }
}
