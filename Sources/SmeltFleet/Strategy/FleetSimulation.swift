/// The in-process reference: the same rounds, schedule, device streams, local step and server
/// rule as a coordinator with device processes, with no network and no faults.
public enum FleetSimulation {
    /// Final parameters after `config.rounds` rounds.
    public static func run(_ c: FleetConfig) throws -> [Float] {
        let learning = try FleetLearning(c)
        let trainer = learning.trainer(learningRate: c.innerLearningRate, epochs: c.localEpochs, batch: c.batchSize)
        var server = learning.server(parameters: learning.initialParameters, round: 0)
        for r in 0..<c.rounds {
            let phi = server.parameters
            let updates = FleetSchedule.participants(c, round: r).map { id in
                let samples = learning.deviceData(index: c.devices.firstIndex(of: id)!).roundSamples(round: r, count: c.samplesPerRound)
                return learning.update(trained: trainer.localTrain(initial: phi, samples: samples).weights, from: phi, samples: samples.count)
            }
            server.apply(updates)
        }
        return server.parameters
    }
}
