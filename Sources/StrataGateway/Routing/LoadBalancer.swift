import StrataCore
import StrataProviders

/// Orders a model's deployments for one request: healthy ones first, by the model's strategy;
/// cooling-down ones last, so a request still has somewhere to go when all are resting.
public struct LoadBalancer: Sendable {
    let random: any RandomSource

    public init(random: any RandomSource) {
        self.random = random
    }

    public func order(_ deployments: [Deployment], strategy: LoadBalancingStrategy,
                      health: [String: DeploymentHealth.Snapshot], prices: [String: Price],
                      estimatedPromptTokens: Int, now: Double) -> [Deployment] {
        let resting = deployments.filter { health[$0.id]?.isCoolingDown(at: now) ?? false }
        let ready = deployments.filter { !(health[$0.id]?.isCoolingDown(at: now) ?? false) }
        return arrange(ready, strategy: strategy, health: health, prices: prices, promptTokens: estimatedPromptTokens)
            + resting.sorted { (health[$0.id]?.cooldownUntil ?? 0) < (health[$1.id]?.cooldownUntil ?? 0) }
    }

    func arrange(_ deployments: [Deployment], strategy: LoadBalancingStrategy,
                 health: [String: DeploymentHealth.Snapshot], prices: [String: Price], promptTokens: Int) -> [Deployment] {
        switch strategy {
        case .weighted:
            return weightedShuffle(deployments)
        case .leastBusy:
            return stableSort(deployments) { health[$0.id]?.inFlight ?? 0 }
        case .latency:
            // Unmeasured deployments go first so each gets measured.
            return stableSort(deployments) { health[$0.id]?.latency ?? -1 }
        case .cost:
            let completionGuess = 256
            return stableSort(deployments) { deployment in
                prices[deployment.id]?.cost(promptTokens: promptTokens, completionTokens: completionGuess) ?? .infinity
            }
        }
    }

    /// Ties keep a weighted-random order, so equal deployments share the load.
    func stableSort<Key: Comparable>(_ deployments: [Deployment], by key: (Deployment) -> Key) -> [Deployment] {
        weightedShuffle(deployments).enumerated()
            .sorted { lhs, rhs in
                let (a, b) = (key(lhs.element), key(rhs.element))
                return a == b ? lhs.offset < rhs.offset : a < b
            }
            .map(\.element)
    }

    /// Draws deployments one by one with probability proportional to weight (weight 0: only as a last resort).
    func weightedShuffle(_ deployments: [Deployment]) -> [Deployment] {
        var pool = deployments.filter { $0.weight > 0 }
        let unweighted = deployments.filter { $0.weight <= 0 }
        var result: [Deployment] = []
        while !pool.isEmpty {
            let total = pool.reduce(0) { $0 + $1.weight }
            var target = random.nextUnit() * total
            var picked = pool.count - 1
            for (index, deployment) in pool.enumerated() {
                target -= deployment.weight
                if target < 0 {
                    picked = index
                    break
                }
            }
            result.append(pool.remove(at: picked))
        }
        return result + unweighted
    }
}
