import Testing
import SmeltIR
import SmeltQuant
import SmeltEmulator

@Suite("Calibration")
struct CalibrationTests {
    /// x [2] → ReLU → y.
    static let graph = Graph(name: "r", tensors: [Tensor(name: "x", shape: [2]), Tensor(name: "y", shape: [2])],
                             nodes: [Node(name: "relu", op: .relu, inputs: ["x"], output: "y")], inputs: ["x"], outputs: ["y"])

    @Test("min/max over all samples, through the float interpreter")
    func minMax() throws {
        let cal = try Calibration.collect(graph: Self.graph, samples: [[-1, 2], [0.5, -3], [4, 0]])
        #expect(cal.ranges["x"] == TensorRange(min: -3, max: 4))
        #expect(cal.ranges["y"] == TensorRange(min: 0, max: 4))
        #expect(cal.sampleCount == 3)
    }

    @Test("percentile cuts each tail by nearest rank")
    func percentile() {
        // 1…10000 at 99.9 %: index round(0.001·9999) = 10 → 11, round(0.999·9999) = 9989 → 9990.
        let r = Calibration.percentileRange((1...10000).map(Float.init), 99.9)
        #expect(r == TensorRange(min: 11, max: 9990))
        #expect(Calibration.percentileRange([5, -2, 7], 100) == TensorRange(min: -2, max: 7))
    }

    @Test("percentile ignores a single outlier")
    func percentileOutlier() throws {
        let samples = (0..<999).map { [Float($0 % 10) / 10, 0] } + [[1000, 0]]
        let cal = try Calibration.collect(graph: Self.graph, samples: samples, method: .percentile(99.9))
        #expect(cal.ranges["x"]!.max < 1)
    }

    @Test("errors: no samples, wrong width, non-finite values, bad percentile")
    func errors() {
        #expect(throws: SmeltError("calibration needs at least one sample")) { try Calibration.collect(graph: Self.graph, samples: []) }
        #expect(throws: SmeltError("calibration sample 2 has 3 values, input \"x\" needs 2")) {
            try Calibration.collect(graph: Self.graph, samples: [[1, 2], [1, 2, 3]])
        }
        #expect(throws: SmeltError("calibration sample 1, value 2 is not finite")) {
            try Calibration.collect(graph: Self.graph, samples: [[1, .nan]])
        }
        #expect(throws: SmeltError("calibration percentile 40.0 must be in (50, 100]")) {
            try Calibration.collect(graph: Self.graph, samples: [[1, 2]], method: .percentile(40))
        }
    }
}
