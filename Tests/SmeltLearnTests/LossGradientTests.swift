import Foundation
import SmeltIR
import Testing
@testable import SmeltLearn

@Suite("Losses")
struct LossGradientTests {
    static let logits: [Double] = [0.3, -1.2, 2.0, 0.7]
    static let targets: [Target] = [.label(2), .label(1), .values([0.1, 0.2, 0.3, 0.4])]

    @Test("∂L/∂output matches central differences (Double, ε 1e-6, tolerance 1e-8)",
          arguments: Loss.allCases)
    func finiteDifferences(loss: Loss) throws {
        for target in Self.targets {
            let (_, g) = loss.evaluate(Self.logits, target: target)
            for i in Self.logits.indices {
                var p = Self.logits, m = Self.logits
                p[i] += 1e-6
                m[i] -= 1e-6
                let numeric = (loss.evaluate(p, target: target).loss - loss.evaluate(m, target: target).loss) / 2e-6
                #expect(abs(g[i] - numeric) < 1e-8)
            }
        }
    }

    @Test("hand-computed values")
    func handValues() {
        // z = [0, ln 3], label 1 → p = [0.25, 0.75], L = −ln 0.75, ∂z = [0.25, −0.25].
        let (l, g) = Loss.softmaxCrossEntropy.evaluate([0, log(3)], target: .label(1))
        #expect(abs(l - 0.2876820724517809) < 1e-15)
        #expect(abs(g[0] - 0.25) < 1e-15 && abs(g[1] + 0.25) < 1e-15)
        // y = [1, 3], t = [0, 1] → L = 2.5, ∂y = [1, 2].
        let (m, h) = Loss.meanSquaredError.evaluate([1, 3], target: .values([0, 1]))
        #expect(m == 2.5 && h == [1, 2])
        // Huge logits do not overflow.
        let (big, _) = Loss.softmaxCrossEntropy.evaluate([1000, 0], target: .label(1))
        #expect(big == 1000)
    }

    @Test("a graph ending in Softmax: cross-entropy is taken on the logits, and the weight gradients match −log p[label] differenced")
    func softmaxEndedGraph() throws {
        var b = RandomGraph(seed: 61)
        let x = b.input("x", [3])
        let z = b.node("fc", .dense(activation: .none), [x, b.constant("w", [4, 3]), b.constant("b", [4])])
        let p = b.node("softmax", .softmax, [z])
        let g = b.graph(inputs: [x], output: p)
        let sample = Sample(input: [0.5, -1, 2], label: 3)
        let trainer = try Trainer(graph: g, loss: .softmaxCrossEntropy, optimizer: .sgd(learningRate: 0.1))
        let (loss, grads) = try trainer.gradients(sample)
        var net = try DifferentiableGraph(graph: g)
        func ce(_ n: DifferentiableGraph) throws -> Double { -log(try n.forward(inputs: ["x": [0.5, -1, 2]])["softmax"]![3]) }
        #expect(abs(loss - (try ce(net))) < 1e-12)
        for name in ["w", "b"] {
            let v = net.value(of: name)!
            for i in v.indices {
                var q = v
                q[i] = v[i] + 1e-6; try net.setValue(q, of: name); let lp = try ce(net)
                q[i] = v[i] - 1e-6; try net.setValue(q, of: name); let lm = try ce(net)
                try net.setValue(v, of: name)
                #expect(abs(grads[name]![i] - (lp - lm) / 2e-6) < 1e-7)
            }
        }
    }

    @Test("mean-squared error through a small MLP matches central differences")
    func mseThroughNetwork() throws {
        var b = RandomGraph(seed: 62)
        let x = b.input("x", [2])
        let h = b.node("fc1", .dense(activation: .none), [x, b.constant("w1", [5, 2]), b.constant("b1", [5])])
        let t = b.node("tanh", .tanh, [h])
        let y = b.node("fc2", .dense(activation: .none), [t, b.constant("w2", [2, 5]), b.constant("b2", [2])])
        let g = b.graph(inputs: [x], output: y)
        let sample = Sample(input: [0.25, -0.75], values: [1, -2])
        let trainer = try Trainer(graph: g, loss: .meanSquaredError, optimizer: .sgd(learningRate: 0.1))
        let (_, grads) = try trainer.gradients(sample)
        var net = try DifferentiableGraph(graph: g)
        func mse(_ n: DifferentiableGraph) throws -> Double {
            Loss.meanSquaredError.evaluate(try n.forward(inputs: ["x": [0.25, -0.75]])["fc2"]!, target: sample.target).loss
        }
        var checked = 0
        for name in ["w1", "b1", "w2", "b2"] {
            let v = net.value(of: name)!
            for i in v.indices {
                var q = v
                q[i] = v[i] + 1e-6; try net.setValue(q, of: name); let lp = try mse(net)
                q[i] = v[i] - 1e-6; try net.setValue(q, of: name); let lm = try mse(net)
                try net.setValue(v, of: name)
                #expect(abs(grads[name]![i] - (lp - lm) / 2e-6) < 1e-7)
                checked += 1
            }
        }
        #expect(checked == 10 + 5 + 10 + 2)
    }
}
