import SmeltEmulator
import SmeltIR
import Testing
@testable import SmeltLearn

/// The trainer's Double forward pass must compute what the float interpreter (the reference
/// every back end is compared to) computes; the gradient checks only prove self-consistency.
@Suite("Training forward pass = float interpreter")
struct ForwardConsistencyTests {
    @Test("every op, strides and both paddings, within 1e-5", arguments: [Padding.same, .valid])
    func everyOp(padding: Padding) throws {
        var b = RandomGraph(seed: 111)
        let x = b.input("x", [9, 8, 2])
        let c1 = b.node("c1", .conv2d(ConvAttributes(strideH: 2, strideW: 1, padding: padding, activation: .relu)), [x, b.constant("w1", [4, 3, 3, 2]), b.constant("b1", [4])])
        let bn = b.node("bn", .batchNorm(epsilon: 1e-3), [c1, b.constant("g", [4], offset: 1), b.constant("be", [4]), b.constant("m", [4]), b.constant("v", [4], scale: 0.1, offset: 1)])
        let dw = b.node("dw", .depthwiseConv2d(ConvAttributes(stride: 1, padding: .same, activation: .relu6)), [bn, b.constant("wd", [1, 3, 3, 4], scale: 3), b.constant("bd", [4])])
        let sum = b.node("sum", .add(activation: .none), [dw, bn])
        let r6 = b.node("r6", .relu6, [sum])
        let cat = b.node("cat", .concatenate, [r6, c1])
        let mp = b.node("mp", .maxPool2d(PoolAttributes(sizeH: 2, sizeW: 3, strideH: 2, strideW: 2, padding: padding)), [cat])
        let ap = b.node("ap", .averagePool2d(PoolAttributes(size: 2, stride: 1, padding: padding)), [mp])
        let sg = b.node("sg", .sigmoid, [ap])
        let gap = b.node("gap", .globalAveragePool, [sg])
        let rs = b.node("rs", .reshape(shape: [2, 4]), [gap])
        let fl = b.node("fl", .flatten, [rs])
        let fc = b.node("fc", .dense(activation: .none), [fl, b.constant("wf", [5, 8]), b.constant("bf", [5])])
        let th = b.node("th", .tanh, [fc])
        let rl = b.node("rl", .relu, [th])
        let sm = b.node("sm", .softmax, [rl])
        let g = b.graph(inputs: [x], output: sm)
        var rng = SeededGenerator(seed: 112)
        let input = (0..<144).map { _ in Float(rng.normal()) }
        let mine = try DifferentiableGraph(graph: g).forward(inputs: ["x": input.map(Double.init)])
        let reference = try FloatInterpreter(graph: g).runAll(inputs: ["x": input])
        for node in g.nodes {
            let a = mine[node.output]!, r = reference[node.output]!
            #expect(a.count == r.count, "\(node.name)")
            #expect(zip(a, r).allSatisfy { abs($0 - Double($1)) <= 1e-5 * max(1, abs(Double($1))) }, "\(node.name)")
        }
    }
}
