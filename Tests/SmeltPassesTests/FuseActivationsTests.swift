import Testing
import SmeltIR
import SmeltEmulator
import SmeltPasses

/// Activation fusion: equivalence on random inputs (|a − b| ≤ 1e-5 + 1e-5·|b|), node counts, rewiring.
@Suite struct FuseActivationsTests {
    /// a, b [3, 3, 2] → Add → ReLU → y: one Add with a fused ReLU writing "y".
    @Test func addReLU() throws {
        let g = Graph(
            name: "add-relu",
            tensors: [Tensor(name: "a", shape: [3, 3, 2]), Tensor(name: "b", shape: [3, 3, 2])],
            nodes: [Node(name: "add", op: .add(activation: .none), inputs: ["a", "b"], output: "s"),
                    Node(name: "relu", op: .relu, inputs: ["s"], output: "y")],
            inputs: ["a", "b"], outputs: ["y"])
        let fused = try fuseActivations(g)
        #expect(fused.nodes == [Node(name: "add", op: .add(activation: .relu), inputs: ["a", "b"], output: "y")])
        #expect(fused.tensor("s") == nil)
        try expectSameOutputs(g, fused)
    }

    /// x → Conv → ReLU6 → t → MaxPool → Flatten → Dense → ReLU → y: both activations fuse and the
    /// pool now reads the conv's output "t" (the ReLU6's tensor name is kept).
    @Test func convReLU6AndDenseReLU() throws {
        var r = SplitMix64(seed: 7)
        let g = Graph(
            name: "cnn",
            tensors: [Tensor(name: "x", shape: [4, 4, 1]), r.constant("cw", [3, 3, 3, 1], in: -3...3), r.constant("dw", [2, 12])],
            nodes: [
                Node(name: "conv", op: .conv2d(ConvAttributes(stride: 1, padding: .same)), inputs: ["x", "cw"], output: "c"),
                Node(name: "relu6", op: .relu6, inputs: ["c"], output: "t"),
                Node(name: "pool", op: .maxPool2d(PoolAttributes(size: 2)), inputs: ["t"], output: "p"),
                Node(name: "flat", op: .flatten, inputs: ["p"], output: "f"),
                Node(name: "fc", op: .dense(activation: .none), inputs: ["f", "dw"], output: "h"),
                Node(name: "relu", op: .relu, inputs: ["h"], output: "y"),
            ],
            inputs: ["x"], outputs: ["y"])
        let fused = try fuseActivations(g)
        #expect(kinds(fused) == [.conv2d, .maxPool2d, .flatten, .dense])
        #expect(fused.node("conv")!.op == .conv2d(ConvAttributes(stride: 1, padding: .same, activation: .relu6)))
        #expect(fused.node("conv")!.output == "t")
        #expect(fused.node("fc")!.output == "y")
        try expectSameOutputs(g, fused)
    }

    /// Left alone: ReLU after a pool; ReLU whose input is read by another node; ReLU after a layer
    /// that already has ReLU6; ReLU whose input is also a graph output.
    @Test func unfusableCasesAreLeftAlone() throws {
        var r = SplitMix64(seed: 8)
        let w = r.constant("w", [3, 3])
        let x = Tensor(name: "x", shape: [3])
        let cases: [Graph] = [
            Graph(name: "after-pool", tensors: [Tensor(name: "x", shape: [2, 2, 1])],
                  nodes: [Node(name: "pool", op: .maxPool2d(PoolAttributes(size: 2)), inputs: ["x"], output: "p"),
                          Node(name: "relu", op: .relu, inputs: ["p"], output: "y")],
                  inputs: ["x"], outputs: ["y"]),
            Graph(name: "two-readers", tensors: [x, w],
                  nodes: [Node(name: "fc", op: .dense(activation: .none), inputs: ["x", "w"], output: "h"),
                          Node(name: "relu", op: .relu, inputs: ["h"], output: "r"),
                          Node(name: "add", op: .add(activation: .none), inputs: ["h", "r"], output: "y")],
                  inputs: ["x"], outputs: ["y"]),
            Graph(name: "already-fused", tensors: [x, w],
                  nodes: [Node(name: "fc", op: .dense(activation: .relu6), inputs: ["x", "w"], output: "h"),
                          Node(name: "relu", op: .relu, inputs: ["h"], output: "y")],
                  inputs: ["x"], outputs: ["y"]),
            Graph(name: "output-read", tensors: [x, w],
                  nodes: [Node(name: "fc", op: .dense(activation: .none), inputs: ["x", "w"], output: "h"),
                          Node(name: "relu", op: .relu, inputs: ["h"], output: "y")],
                  inputs: ["x"], outputs: ["y", "h"]),
        ]
        for g in cases {
            let fused = try fuseActivations(g)
            #expect(fused == (try g.verified()), "\(g.name)")
            try expectSameOutputs(g, fused)
        }
    }
}
