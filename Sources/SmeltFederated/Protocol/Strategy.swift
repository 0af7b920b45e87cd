/// How the server combines devices' work into the next initialisation.
///
/// Every strategy uses the same server rule (`FederatedServer.apply`):
/// φ ← φ + β_r · Σ wᵢ(θᵢ − φ) / Σ wᵢ, and differs in its defaults:
///
/// | strategy | devices per round | local training | weights wᵢ | β_r |
/// |---|---|---|---|---|
/// | TinyReptile | 1 | one pass, batch 1, over k fresh samples | 1 | β₀(1 − r/R) |
/// | Reptile | m | E epochs, batch b, over k samples | 1 | β₀(1 − r/R) |
/// | FedAvg | m | E epochs, batch b, over k samples | samples used | 1 (the average itself) |
public enum Strategy: String, Sendable, CaseIterable {
    case tinyReptile = "tinyreptile"
    case reptile = "reptile"
    case fedAvg = "fedavg"

    /// The name printed in tables.
    public var displayName: String {
        switch self {
        case .tinyReptile: return "TinyReptile"
        case .reptile: return "Reptile"
        case .fedAvg: return "FedAvg"
        }
    }
}

/// How β (the server's step toward the devices' average) changes over rounds.
public enum BetaSchedule: String, Sendable {
    /// β_r = β₀ · (1 − r/R) for round r = 0..<R: β₀ at the first round, β₀/R at the last.
    case linear
    /// β_r = β₀.
    case constant
}
