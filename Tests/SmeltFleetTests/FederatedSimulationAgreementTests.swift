import XCTest
import SmeltFederated
@testable import SmeltFleet

/// The fleet's reference run is SmeltFederated's own simulation: same initialisation, same
/// selection, same device streams, same local step and server rule — bit for bit.
final class FederatedSimulationAgreementTests: XCTestCase {
    private func federated(_ c: FleetConfig) -> FederatedConfig {
        var f = FederatedConfig()
        f.strategy = Strategy(rawValue: c.strategy)!
        f.hidden = Array(c.layers.dropFirst().dropLast())
        f.rounds = c.rounds
        f.devices = c.devices.count
        f.devicesPerRound = c.devicesPerRound
        f.samplesPerRound = c.samplesPerRound
        f.learningRate = c.innerLearningRate
        f.beta0 = Double(c.outerStep)
        f.seed = c.seed
        f.threads = 1
        f.evaluation.every = 1_000_000
        f.evaluation.tasks = 1
        f.evaluation.steps = 0
        f.metricsCSV = nil; f.curveSVG = nil; f.modelJSON = nil
        return f
    }

    func testTinyReptileFleetRunEqualsFederatedSimulation() throws {
        var c = FleetConfig()
        c.seed = 7
        c.rounds = 50
        let fleet = try FleetSimulation.run(c)
        let reference = try FederatedSimulation(config: federated(c), task: SineTask()).run().parameters
        XCTAssertEqual(fleet, reference)
    }

    func testReptileMetaBatchFleetRunEqualsFederatedSimulation() throws {
        var c = FleetConfig()
        c.strategy = "reptile"
        c.devicesPerRound = 5
        c.rounds = 20
        let fleet = try FleetSimulation.run(c)
        let reference = try FederatedSimulation(config: federated(c), task: SineTask()).run().parameters
        let diff = zip(fleet, reference).map { abs($0 - $1) }.max()!
        XCTAssertLessThanOrEqual(diff, 1e-6, "summation order differs (sum of deltas vs FederatedServer.apply)")
    }
}
