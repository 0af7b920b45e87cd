import Foundation
import SmeltIR
import SmeltPasses
import SmeltQuant
import Testing
@testable import SmeltLearn

/// The presence generator and the drift / online-learning experiment of Examples/presence.
@Suite("Presence example")
struct PresenceTests {
    @Test("the generator is seeded, balanced, and drifts as documented")
    func generator() {
        let a = PresenceGenerator.samples(count: 400, building: .reference, days: 0...0, drift: .none, seed: 9)
        #expect(a == PresenceGenerator.samples(count: 400, building: .reference, days: 0...0, drift: .none, seed: 9))
        let occupied = a.filter { $0.target == .label(1) }.count
        #expect((160...240).contains(occupied))
        // CO2 input (ppm / 1000) of empty rooms: 0.48 on day 0, + 5 ppm/day · 90 days = 0.93 on day 90.
        func meanEmptyCO2(day: Double) -> Double {
            let s = PresenceGenerator.samples(count: 2000, building: .reference, days: day...day, seed: 4).filter { $0.target == .label(0) }
            return s.map { Double($0.input[0]) }.reduce(0, +) / Double(s.count)
        }
        #expect(abs(meanEmptyCO2(day: 0) - 0.48) < 0.01)
        #expect(abs(meanEmptyCO2(day: 90) - 0.93) < 0.01)
        #expect(PresenceGenerator.Building.drawn(index: 0, seed: 7) == .reference)
        #expect(PresenceGenerator.Building.drawn(index: 3, seed: 7) == PresenceGenerator.Building.drawn(index: 3, seed: 7))
    }

    @Test("Examples/presence: drift costs accuracy, and the head recovers ≥ 90 % of it within 200 samples")
    func recovery() throws {
        let dir = ExampleFiles.root.appendingPathComponent("presence")
        let float = try Pipeline.standard(ModelFile.load(path: dir.appendingPathComponent("presence.json").path))
        let rows = try CSVData(path: dir.appendingPathComponent("calibration.csv").path).rows
        let q = try Quantizer.quantize(graph: float, calibration: try Calibration.collect(graph: float, samples: rows), scheme: .int8)
        var e = PresenceExperiment(building: .drawn(index: 3, seed: 7))
        e.testCount = 500
        e.days = 5
        e.testPerDay = 20
        for fixed in [true, false] {
            e.fixedPoint = fixed
            let r = try e.run(quantized: q, head: ["fc2", "fc3"])
            print(String(format: "presence (%@): source %.3f, drifted %.3f, after 200 %.3f, recovered %.3f",
                         fixed ? "fixed" : "float32", r.source, r.drifted, r.recovery.last!.accuracy, r.recoveredFraction))
            #expect(r.source > 0.97)
            #expect(r.drifted < r.source - 0.3)
            #expect(r.recovery.count == 21 && r.recovery.last!.samples == 200)
            #expect(r.recoveredFraction >= 0.9)
        }
    }
}
