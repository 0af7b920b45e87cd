import Testing
@testable import SmeltFederated

@Suite("MLP kernels")
struct KernelTests {
    let mlp = try! MLP(sizes: [1, 40, 40, 1])

    @Test func layoutAndCost() throws {
        #expect(mlp.parameterCount == 1761)
        #expect(mlp.forwardMACs == 1680)
        #expect(mlp.trainingMACsPerSample == 5000)
        let p = mlp.initialParameters(seed: 3)
        // PyTorch default: |w| ≤ 1/√fan_in per layer.
        #expect(p[0..<80].allSatisfy { abs($0) <= 1 })
        #expect(p[80..<1720].allSatisfy { abs($0) <= 1 / Float(40).squareRoot() })
        #expect(p == mlp.initialParameters(seed: 3))
    }

    /// The fused batch-1 step equals θ − lr·∇L, with ∇L from central differences in the loss.
    @Test func batchOneStepMatchesNumericGradient() {
        let small = try! MLP(sizes: [2, 5, 3, 2])
        let ws = MLPWorkspace(mlp: small, loss: .meanSquaredError)
        let p0 = small.initialParameters(seed: 9)
        let data = SampleSet(inputs: [0.7, -1.3], targets: [0.4, -0.2], inputWidth: 2, targetWidth: 2)
        var p1 = p0
        let lr: Float = 0.001
        p1.withUnsafeMutableBufferPointer { _ = ws.sgdStep($0.baseAddress!, data: data, range: 0..<1, lr: lr) }
        for i in stride(from: 0, to: small.parameterCount, by: 3) {
            var a = p0, b = p0
            a[i] += 1e-2; b[i] -= 1e-2
            let la = a.withUnsafeBufferPointer { ws.evaluate($0.baseAddress!, data: data).loss }
            let lb = b.withUnsafeBufferPointer { ws.evaluate($0.baseAddress!, data: data).loss }
            let numeric = (la - lb) / 2e-2
            #expect(abs((p0[i] - p1[i]) / lr - numeric) < 2e-2, "parameter \(i)")
        }
    }

    /// A batch of B equal samples takes the same step as one sample (the 1/B cancels the sum).
    @Test func batchPathAgreesWithSingleSample() {
        let ws = MLPWorkspace(mlp: mlp, loss: .meanSquaredError)
        let p0 = mlp.initialParameters(seed: 1)
        let one = SampleSet(inputs: [1.5], targets: [2], inputWidth: 1, targetWidth: 1)
        let four = SampleSet(inputs: [1.5, 1.5, 1.5, 1.5], targets: [2, 2, 2, 2], inputWidth: 1, targetWidth: 1)
        var a = p0, b = p0
        a.withUnsafeMutableBufferPointer { _ = ws.sgdStep($0.baseAddress!, data: one, range: 0..<1, lr: 0.02) }
        b.withUnsafeMutableBufferPointer { _ = ws.sgdStep($0.baseAddress!, data: four, range: 0..<4, lr: 0.02) }
        for i in 0..<a.count { #expect(abs(a[i] - b[i]) < 1e-6) }
    }

    @Test func crossEntropyGradientMatchesNumeric() {
        let small = try! MLP(sizes: [3, 4, 3])
        let ws = MLPWorkspace(mlp: small, loss: .softmaxCrossEntropy)
        let p0 = small.initialParameters(seed: 2)
        let data = SampleSet(inputs: [0.2, -0.5, 0.9], targets: [2], inputWidth: 3, targetWidth: 1)
        var p1 = p0
        p1.withUnsafeMutableBufferPointer { _ = ws.sgdStep($0.baseAddress!, data: data, range: 0..<1, lr: 0.01) }
        for i in 0..<small.parameterCount {
            var a = p0, b = p0
            a[i] += 1e-2; b[i] -= 1e-2
            let la = a.withUnsafeBufferPointer { ws.evaluate($0.baseAddress!, data: data).loss }
            let lb = b.withUnsafeBufferPointer { ws.evaluate($0.baseAddress!, data: data).loss }
            #expect(abs((p0[i] - p1[i]) / 0.01 - (la - lb) / 2e-2) < 1e-2, "parameter \(i)")
        }
    }

    /// The worked example of `FixedPointSGD`: one weight 0.5, input 1.0, g = 0.25 → 509/1024.
    @Test func fixedPointWorkedExample() {
        let m = try! MLP(sizes: [1, 1])
        let sgd = FixedPointSGD(mlp: m, loss: .meanSquaredError, fractionalBits: 10)
        // ŷ = 0.5·1 + 0 = 0.5, target 0.375 → g = 2·(0.5 − 0.375) = 0.25.
        let data = SampleSet(inputs: [1], targets: [0.375], inputWidth: 1, targetWidth: 1)
        let out = sgd.train(initial: [0.5, 0], samples: data, lr: 0.01, epochs: 1, batchSize: 1)
        #expect(out == [Float(509) / 1024, Float(-3) / 1024])
    }
}
