import Foundation
import Testing
import SmeltIR
import SmeltEmulator

@Suite struct FloatActivationsTests {
    @Test func relu() throws {
        expectClose(try runOneNode(.relu, input: [-1, 0, 2.5], shape: [3]).values, [0, 0, 2.5])
    }

    @Test func relu6() throws {
        expectClose(try runOneNode(.relu6, input: [-1, 3, 7, 6], shape: [4]).values, [0, 3, 6, 6])
    }

    /// σ(0) = 0.5, σ(ln 3) = 1/(1 + 1/3) = 0.75, σ(−ln 3) = 0.25; σ(±100) saturates to 1 / 0 without NaN.
    @Test func sigmoid() throws {
        let ln3 = Float(Foundation.log(3.0))
        let r = try runOneNode(.sigmoid, input: [0, ln3, -ln3, 100, -100], shape: [5]).values
        expectClose(r, [0.5, 0.75, 0.25, 1, 0], tolerance: 1e-6)
    }

    /// tanh(ln 2) = (2 − ½)/(2 + ½) = 0.6.
    @Test func tanh() throws {
        let ln2 = Float(Foundation.log(2.0))
        expectClose(try runOneNode(.tanh, input: [0, ln2, -ln2], shape: [3]).values, [0, 0.6, -0.6], tolerance: 1e-6)
    }

    /// softmax([1, 2, 3]) = e^[−2, −1, 0] / (e^−2 + e^−1 + 1) = [0.0900306, 0.2447285, 0.6652410]; sums to 1.
    @Test func softmaxVector() throws {
        let r = try runOneNode(.softmax, input: [1, 2, 3], shape: [3]).values
        expectClose(r, [0.0900306, 0.2447285, 0.6652410], tolerance: 1e-6)
        #expect(abs(r.reduce(0, +) - 1) <= 1e-6)
    }

    /// softmax([0, ln 3]) = [1/4, 3/4].
    @Test func softmaxTwoValues() throws {
        let ln3 = Float(Foundation.log(3.0))
        expectClose(try runOneNode(.softmax, input: [0, ln3], shape: [2]).values, [0.25, 0.75], tolerance: 1e-6)
    }

    /// Huge equal logits would overflow a naive e^x; the shifted form gives [0.5, 0.5].
    @Test func softmaxIsStable() throws {
        let r = try runOneNode(.softmax, input: [1000, 1000], shape: [2]).values
        expectClose(r, [0.5, 0.5])
    }

    /// Softmax runs over the last axis only: rows [0, ln 3] and [ln 3, 0] of a [2, 2] tensor.
    @Test func softmaxPerRow() throws {
        let ln3 = Float(Foundation.log(3.0))
        let r = try runOneNode(.softmax, input: [0, ln3, ln3, 0], shape: [2, 2]).values
        expectClose(r, [0.25, 0.75, 0.75, 0.25], tolerance: 1e-6)
    }
}
