/// The in-process reference: the same rounds, schedule, data streams, local step and server
/// rule as a coordinator with device processes, with no network and no faults.
public enum FleetSimulation {
    /// Final parameters after `config.rounds` rounds, plus φ after each round when `trace`.
    public static func run(_ c: FleetConfig, data: [String: DeviceDataStream]? = nil) -> [Float] {
        let mlp = FleetMLP(sizes: c.layers)
        var phi = mlp.initialParameters(seed: c.seed)
        var streams = data ?? Dictionary(uniqueKeysWithValues: c.devices.map {
            ($0, DeviceDataStream(samples: SineDeviceData.samples(seed: c.seed, device: $0, count: c.samplesPerDevice)))
        })
        for r in 0..<c.rounds {
            var updates: [(weights: [Float], samples: Int)] = []
            for d in FleetSchedule.participants(c, round: r) {
                let batch = streams[d]!.next(c.samplesPerRound)
                let theta = mlp.train(phi, samples: batch, rate: c.innerLearningRate, epochs: c.localEpochs, batch: c.batchSize)
                updates.append((theta, batch.count))
            }
            phi = ServerRule.apply(strategy: c.strategy, current: phi, updates: updates, step: c.outerStep(round: r))
        }
        return phi
    }
}
