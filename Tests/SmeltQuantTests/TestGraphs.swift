import SmeltIR
import SmeltQuant

/// Small graphs and quantized-graph builders shared by the tests.
enum TestGraphs {
    /// y = W·x + b with `W = [[0.6, −1.0], [0.25, 0.1]]`, `b = [0.1, −0.2]`.
    static func tinyDense(activation: Activation = .none) -> Graph {
        Graph(name: "tiny",
              tensors: [Tensor(name: "x", shape: [2]),
                        .constant("w", shape: [2, 2], values: [0.6, -1.0, 0.25, 0.1]),
                        .constant("b", shape: [2], values: [0.1, -0.2]),
                        Tensor(name: "y", shape: [2])],
              nodes: [Node(name: "fc", op: .dense(activation: activation), inputs: ["x", "w", "b"], output: "y")],
              inputs: ["x"], outputs: ["y"])
    }

    /// Calibration ranges x ∈ [−1, 1], y ∈ [−2, 2].
    static let tinyDenseCalibration = Calibration(ranges: ["x": TensorRange(min: -1, max: 1), "y": TensorRange(min: -2, max: 2)],
                                                  sampleCount: 1)

    /// An int8 activation tensor.
    static func act(_ name: String, _ shape: [Int], scale: Float, zp: Int32, dtype: DType = .int8, bits: Int? = nil) -> Tensor {
        Tensor(name: name, shape: shape, dtype: dtype,
               quant: QuantParams(scales: [scale], zeroPoints: [zp], fractionalBits: bits))
    }

    /// A one-node quantized graph over activation tensors `ins` → `out` plus constants.
    static func oneNode(_ op: Op, ins: [Tensor], consts: [Tensor] = [], out: Tensor) -> Graph {
        Graph(name: "op", tensors: ins + consts + [out],
              nodes: [Node(name: "n", op: op, inputs: ins.map(\.name) + consts.map(\.name), output: out.name)],
              inputs: ins.map(\.name), outputs: [out.name])
    }
}
