import Testing
import SmeltIR
import SmeltEmulator

/// x = [1, 2, 3], W = [[1, 0, −1], [2, 1, 0.5]]:
/// y0 = 1 − 3 = −2, y1 = 2 + 2 + 1.5 = 5.5; with bias [0.5, 1]: [−1.5, 6.5].
@Suite struct FloatDenseTests {
    let w = Tensor.constant("w", shape: [2, 3], values: [1, 0, -1, 2, 1, 0.5])
    let b = Tensor.constant("b", shape: [2], values: [0.5, 1])

    @Test func withoutBias() throws {
        let r = try runOneNode(.dense(activation: .none), input: [1, 2, 3], shape: [3], constants: [w])
        #expect(r.shape == [2])
        expectClose(r.values, [-2, 5.5])
    }

    @Test func withBias() throws {
        let r = try runOneNode(.dense(activation: .none), input: [1, 2, 3], shape: [3], constants: [w, b])
        expectClose(r.values, [-1.5, 6.5])
    }

    /// ReLU clips −2 to 0; ReLU6 (with bias) clips −1.5 to 0 and 6.5 to 6.
    @Test func fusedActivations() throws {
        let relu = try runOneNode(.dense(activation: .relu), input: [1, 2, 3], shape: [3], constants: [w])
        expectClose(relu.values, [0, 5.5])
        let relu6 = try runOneNode(.dense(activation: .relu6), input: [1, 2, 3], shape: [3], constants: [w, b])
        expectClose(relu6.values, [0, 6])
    }

    /// A single output row: y = 0.5·4 − 1·1 = 1.
    @Test func singleOutput() throws {
        let w1 = Tensor.constant("w", shape: [1, 2], values: [0.5, -1])
        let r = try runOneNode(.dense(activation: .none), input: [4, 1], shape: [2], constants: [w1])
        expectClose(r.values, [1])
    }
}
