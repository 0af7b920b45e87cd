import SmeltIR
import Testing
@testable import SmeltLearn

@Suite("BatchNorm statistics")
struct BatchNormStatisticsTests {
    /// x [2] → Dense(2·I) → BatchNorm → y: the BatchNorm sees 2·x.
    @Test func estimatesMeanAndVarianceOfTheInput() throws {
        let g = Graph(name: "bn", tensors: [
            Tensor(name: "x", shape: [2]), .constant("w", shape: [2, 2], values: [2, 0, 0, 2]),
            .constant("g", shape: [2], values: [1, 1]), .constant("b", shape: [2], values: [0, 0]),
            .constant("m", shape: [2], values: [0, 0]), .constant("v", shape: [2], values: [1, 1]),
        ], nodes: [
            Node(name: "fc", op: .dense(activation: .none), inputs: ["x", "w"], output: "h"),
            Node(name: "bn", op: .batchNorm(epsilon: 1e-3), inputs: ["h", "g", "b", "m", "v"], output: "y"),
        ], inputs: ["x"], outputs: ["y"])
        let e = try BatchNormStatistics.estimate(g, rows: [[0.5, 1], [1.5, 1]])
        // Channel 0 sees 1 and 3 (mean 2, variance 1); channel 1 sees 2 twice (variance floored at 1e-6).
        #expect(e.tensor("m")!.data!.floats! == [2, 2])
        #expect(e.tensor("v")!.data!.floats! == [1, 1e-6])
    }
}
