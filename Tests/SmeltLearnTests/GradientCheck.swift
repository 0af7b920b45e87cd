import SmeltIR
@testable import SmeltLearn

/// Central finite differences in Double against the analytic gradients of `DifferentiableGraph`.
///
/// The scalar checked is `L = Σ r_i · y_i` over the graph output `y`, with fixed random `r`, so
/// every output element contributes. Every graph input and every constant is perturbed, one
/// element at a time, by ±ε (ε = 1e-6); the central difference then has truncation error
/// O(ε²) ≈ 1e-12 and rounding error ≈ 1e-16 / ε = 1e-10, so analytic and numerical gradients
/// must agree to 1e-6 (absolute, or relative to their size when larger than 1).
enum GradientCheck {
    struct Result {
        /// Largest |analytic − numerical| / max(1, |numerical|) over all checked elements.
        var maxError: Double
        /// Elements checked, and how many had a non-zero numerical gradient.
        var checked: Int
        var nonZero: Int
    }

    static func run(_ graph: Graph, seed: UInt64 = 1, inputScale: Double = 1, epsilon: Double = 1e-6) throws -> Result {
        var net = try DifferentiableGraph(graph: graph)
        let g = net.graph
        var rng = SeededGenerator(seed: seed)
        var inputs: [String: [Double]] = [:]
        for name in g.inputs {
            inputs[name] = (0..<(try g.requireTensor(name).elementCount)).map { _ in rng.normal() * inputScale }
        }
        let output = g.outputs[0]
        let r = (0..<(try g.requireTensor(output).elementCount)).map { _ in rng.normal() }
        func lossValue(_ n: DifferentiableGraph, _ x: [String: [Double]]) throws -> Double {
            let y = try n.forward(inputs: x)[output]!
            return zip(r, y).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let constants = g.tensors.filter(\.isConstant).map(\.name)
        let wrt = Set(g.inputs + constants)
        let analytic = try net.gradients(inputs: inputs, seeds: [output: r], withRespectTo: wrt)
        var result = Result(maxError: 0, checked: 0, nonZero: 0)
        func record(_ a: Double, _ n: Double) {
            result.maxError = max(result.maxError, abs(a - n) / max(1, abs(n)))
            result.checked += 1
            if abs(n) > 1e-9 { result.nonZero += 1 }
        }
        for name in g.inputs {
            for i in inputs[name]!.indices {
                var plus = inputs, minus = inputs
                plus[name]![i] += epsilon
                minus[name]![i] -= epsilon
                record(analytic[name]![i], (try lossValue(net, plus) - lossValue(net, minus)) / (2 * epsilon))
            }
        }
        for name in constants {
            let v = net.value(of: name)!
            for i in v.indices {
                var p = v, m = v
                p[i] += epsilon
                m[i] -= epsilon
                try net.setValue(p, of: name)
                let lp = try lossValue(net, inputs)
                try net.setValue(m, of: name)
                let lm = try lossValue(net, inputs)
                try net.setValue(v, of: name)
                record(analytic[name]![i], (lp - lm) / (2 * epsilon))
            }
        }
        return result
    }
}

/// Small graphs with seeded random weights for the gradient checks.
struct RandomGraph {
    var rng: SeededGenerator
    var tensors: [Tensor] = []
    var nodes: [Node] = []

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    /// A random float constant (values ~ N(0, 1)·scale + offset).
    mutating func constant(_ name: String, _ shape: [Int], scale: Double = 1, offset: Double = 0) -> String {
        let n = shape.reduce(1, *)
        tensors.append(.constant(name, shape: shape, values: (0..<n).map { _ in Float(rng.normal() * scale + offset) }))
        return name
    }

    mutating func input(_ name: String, _ shape: [Int]) -> String {
        tensors.append(Tensor(name: name, shape: shape))
        return name
    }

    /// Adds a node writing a new activation tensor named `name`.
    mutating func node(_ name: String, _ op: Op, _ inputs: [String]) -> String {
        tensors.append(Tensor(name: name, shape: []))
        nodes.append(Node(name: name, op: op, inputs: inputs, output: name))
        return name
    }

    func graph(inputs: [String], output: String) -> Graph {
        Graph(name: "check", tensors: tensors, nodes: nodes, inputs: inputs, outputs: [output])
    }
}
