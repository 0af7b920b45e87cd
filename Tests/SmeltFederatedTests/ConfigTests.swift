import Foundation
import Testing
import SmeltIR
@testable import SmeltFederated

@Suite("Config")
struct ConfigTests {
    func parse(_ json: String) throws -> FederatedConfig { try FederatedConfig.parse(Data(json.utf8)) }

    func message(_ json: String) -> String {
        do { _ = try parse(json); return "no error" } catch let e as SmeltError { return e.message } catch { return "\(error)" }
    }

    @Test func exampleConfigParses() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let c = try FederatedConfig.load(path: root + "/Examples/federated/sine-tinyreptile.json")
        #expect(c.strategy == .tinyReptile && c.rounds == 30_000 && c.samplesPerRound == 10 && c.beta0 == 0.3)
        #expect(c.evaluation.tasks == 200 && c.evaluation.steps == 32 && c.evaluation.learningRate == 0.02)
    }

    @Test func strategyDefaults() throws {
        let f = try parse(#"{"strategy": "fedavg", "k": 10, "batchSize": 10, "localEpochs": 5}"#)
        #expect(f.devicesPerRound == 5 && f.beta0 == 1 && f.betaSchedule == .constant && f.localEpochs == 5)
        let t = try parse(#"{"strategy": "TinyReptile", "devicesPerRound": 7, "batchSize": 4}"#)
        #expect(t.devicesPerRound == 1 && t.batchSize == 1)
    }

    @Test func badConfigsGiveOneClearError() {
        #expect(message(#"{"strategy": "fedsgd"}"#) == "strategy: unknown strategy 'fedsgd' (expected tinyreptile, reptile or fedavg)")
        #expect(message(#"{"rounds": -5}"#) == "rounds must be at least 1, got -5")
        #expect(message(#"{"k": 50, "heterogeneity": {"dataSize": [20, 100]}}"#)
                == "k (samplesPerRound) = 50 is larger than a device's data (dataSize from 20)")
        #expect(message(#"{"roundz": 5}"#).hasPrefix("roundz: unknown key"))
        #expect(message(#"{"task": {"kind": "sine", "amplitude": [5, 0.1]}}"#) == "task.amplitude: expected [low, high] with low ≤ high")
        #expect(message(#"{"rounds": "many"}"#) == "rounds: expected a number")
        #expect(message("{") .hasPrefix("not valid JSON"))
        #expect(message(#"{"heterogeneity": {"dropout": 1}}"#) == "dropout must be in [0, 1), got 1.0")
        #expect(message(#"{"arithmetic": {"kind": "fixed", "fractionalBits": 20}}"#) == "fractionalBits must be in 4...14, got 20")
        #expect(message(#"{"strategy": "fedavg", "batchSize": 10, "arithmetic": {"kind": "generated-c"}}"#)
                == "arithmetic generated-c learns one sample at a time: batchSize must be 1, got 10")
        #expect(message(#"{"task": {"kind": "speech"}}"#) == "task.kind: unknown task 'speech' (expected sine, digits, presence or presence-synthetic)")
    }
}
