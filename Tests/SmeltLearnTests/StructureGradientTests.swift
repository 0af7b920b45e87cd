import SmeltIR
import Testing
@testable import SmeltLearn

@Suite("Reshape, Flatten, Add, Concatenate and BatchNorm backward")
struct StructureGradientTests {
    @Test("Reshape and Flatten pass the gradient through (through a Dense, so the order matters)")
    func reshape() throws {
        for op in [Op.reshape(shape: [6, -1]), .flatten] {
            var b = RandomGraph(seed: 51)
            let x = b.input("x", [2, 3, 2])
            let r1 = b.node("r", op, [x])
            let f = b.node("f", .flatten, [r1])
            let y = b.node("fc", .dense(activation: .none), [f, b.constant("w", [3, 12])])
            let r = try GradientCheck.run(b.graph(inputs: [x], output: y))
            #expect(r.checked == 12 + 36 && r.nonZero == 48)
            #expect(r.maxError < 1e-6)
        }
    }

    @Test("Add, plain and with fused ReLU/ReLU6", arguments: [Activation.none, .relu, .relu6])
    func add(activation: Activation) throws {
        var b = RandomGraph(seed: 52)
        let x = b.input("x", [2, 2, 3])
        let y = b.node("add", .add(activation: activation), [x, b.constant("c", [2, 2, 3], scale: 2, offset: activation == .relu6 ? 3 : 0)])
        let r = try GradientCheck.run(b.graph(inputs: [x], output: y), inputScale: 2)
        #expect(r.checked == 24 && r.nonZero >= 8)
        #expect(r.maxError < 1e-6)
    }

    @Test("Add of a tensor to itself gives twice the gradient")
    func addSelf() throws {
        var b = RandomGraph(seed: 53)
        let x = b.input("x", [4])
        let y = b.node("add", .add(activation: .none), [x, x])
        let r = try GradientCheck.run(b.graph(inputs: [x], output: y))
        #expect(r.checked == 4 && r.maxError < 1e-6)
    }

    @Test("Concatenate of three operands along channels")
    func concatenate() throws {
        var b = RandomGraph(seed: 54)
        let x = b.input("x", [2, 3, 2])
        let y = b.node("cat", .concatenate, [x, b.constant("c1", [2, 3, 1]), b.constant("c2", [2, 3, 3])])
        let r = try GradientCheck.run(b.graph(inputs: [x], output: y))
        #expect(r.checked == 12 + 6 + 18 && r.nonZero == 36)
        #expect(r.maxError < 1e-6)
    }

    @Test("BatchNorm (fixed running statistics), including ∂mean and ∂variance")
    func batchNorm() throws {
        var b = RandomGraph(seed: 55)
        let x = b.input("x", [3, 2, 4])
        let y = b.node("bn", .batchNorm(epsilon: 1e-3), [x, b.constant("gamma", [4], offset: 1), b.constant("beta", [4]),
                                                         b.constant("mean", [4]), b.constant("var", [4], scale: 0.2, offset: 1)])
        let r = try GradientCheck.run(b.graph(inputs: [x], output: y))
        #expect(r.checked == 24 + 16 && r.nonZero == 40)
        #expect(r.maxError < 1e-6)
    }

    @Test("a small residual CNN: every op together, gradients summed over both branches")
    func residualNetwork() throws {
        var b = RandomGraph(seed: 56)
        let x = b.input("x", [6, 6, 2])
        let c1 = b.node("c1", .conv2d(ConvAttributes(stride: 1, padding: .same, activation: .relu)), [x, b.constant("w1", [3, 3, 3, 2]), b.constant("b1", [3])])
        let bn = b.node("bn", .batchNorm(epsilon: 1e-3), [c1, b.constant("g", [3], offset: 1), b.constant("be", [3]), b.constant("m", [3]), b.constant("v", [3], scale: 0.1, offset: 1)])
        let dw = b.node("dw", .depthwiseConv2d(ConvAttributes(stride: 1, padding: .same)), [bn, b.constant("wd", [1, 3, 3, 3]), b.constant("bd", [3])])
        let sum = b.node("sum", .add(activation: .relu6), [dw, bn])
        let cat = b.node("cat", .concatenate, [sum, c1])
        let mp = b.node("mp", .maxPool2d(PoolAttributes(size: 2)), [cat])
        let gap = b.node("gap", .globalAveragePool, [mp])
        let fc = b.node("fc", .dense(activation: .none), [gap, b.constant("wf", [4, 6]), b.constant("bf", [4])])
        let th = b.node("th", .tanh, [fc])
        let sm = b.node("sm", .softmax, [th])
        let r = try GradientCheck.run(b.graph(inputs: [x], output: sm))
        #expect(r.nonZero > r.checked / 2)
        #expect(r.maxError < 1e-6)
    }
}
