import Foundation
import Testing

@Suite struct FederateCommandTests {
    static let tiny = """
        {"model": {"hidden": [8, 8]}, "strategy": "reptile", "rounds": 6, "devices": 20, "devicesPerRound": 4, "k": 10,
         "heterogeneity": {"dataSize": [10, 14], "dropout": 0.2}, "updates": "int8",
         "evaluation": {"every": 3, "tasks": 6, "steps": 3}, "seed": 3,
         "compare": {"learningRates": [0.01]},
         "output": {"csv": "m.csv", "svg": "c.svg", "model": "init.json"}}
        """

    @Test func runWritesCSVCurvesAndModel() throws {
        let dir = try TempDir()
        let cfg = try dir.write("fed.json", Self.tiny)
        let r = try SmeltProcess.run(["federate", cfg, "--threads", "1"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("Reptile on sine: 6 rounds, 20 devices, m=4, k=10, E=1, batch 1"))
        #expect(r.out.contains("round 6: loss@0 "))
        let csv = try String(contentsOf: dir.url.appendingPathComponent("m.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("round,sample_passes,bytes_down,bytes_up,device_macs,participations,missed,rejected_updates,eval_tasks,diverged_tasks,loss_after_0_mean"))
        #expect(csv.split(separator: "\n").count == 4)
        #expect(FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("c.svg").path))
        // The saved initialisation is a valid Smelt model.
        let inspect = try SmeltProcess.run(["inspect", dir.url.appendingPathComponent("init.json").path])
        #expect(inspect.status == 0, "\(inspect.err)")
        // Same config, all cores → the same CSV.
        let again = try SmeltProcess.run(["federate", cfg, "--threads", "0"])
        #expect(again.status == 0)
        #expect(try String(contentsOf: dir.url.appendingPathComponent("m.csv"), encoding: .utf8) == csv)
    }

    @Test func compareTable() throws {
        let dir = try TempDir()
        let cfg = try dir.write("fed.json", Self.tiny)
        let r = try SmeltProcess.run(["federate", cfg, "--compare"])
        #expect(r.status == 0, "\(r.err)")
        for label in ["TinyReptile", "Reptile m=5 E=1 b=1", "FedAvg m=5 E=1 b=1", "FedAvg m=5 E=1 b=10", "FedAvg m=5 E=5 b=1", "FedAvg m=5 E=5 b=10"] {
            #expect(r.out.contains("\n" + label), "missing \(label)")
        }
        #expect(r.out.contains("loss@0") && r.out.contains("bytes down") && r.out.contains("sample-passes"))
        #expect(FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("m-compare.csv").path))
    }

    @Test func badConfigIsOneErrorLine() throws {
        let dir = try TempDir()
        for (json, message) in [
            (#"{"strategy": "gossip"}"#, "strategy: unknown strategy 'gossip' (expected tinyreptile, reptile or fedavg)"),
            (#"{"rounds": -1}"#, "rounds must be at least 1, got -1"),
            (#"{"k": 30, "heterogeneity": {"dataSize": [10, 50]}}"#, "k (samplesPerRound) = 30 is larger than a device's data (dataSize from 10)"),
        ] {
            let cfg = try dir.write("bad.json", json)
            let r = try SmeltProcess.run(["federate", cfg])
            #expect(r.status == 1)
            #expect(r.errLines == ["smelt: error: \(cfg): \(message)"])
        }
    }
}
