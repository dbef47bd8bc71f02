import StrataCore
import StrataProviders

/// Prices per deployment: the config's, overridden at run time (admin API, price feeds).
public actor PriceBook {
    private var overrides: [String: Price] = [:]

    public init(overrides: [String: Price] = [:]) {
        self.overrides = overrides
    }

    public func set(_ price: Price, for deployment: String) {
        overrides[deployment] = price
    }

    public func price(of deployment: Deployment) -> Price? {
        overrides[deployment.id] ?? deployment.price
    }

    public func prices(of deployments: [Deployment]) -> [String: Price] {
        var result: [String: Price] = [:]
        for deployment in deployments {
            if let price = price(of: deployment) { result[deployment.id] = price }
        }
        return result
    }

    public func allOverrides() -> [String: Price] { overrides }
}
