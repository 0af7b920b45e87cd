import Testing
import SmeltIR
import SmeltEmulator

/// y = γ(x − μ)/√(σ² + ε) + β per channel of the last axis, ε = 1:
/// c0: γ 4, β 1, μ 1, σ² 3 → scale 4/2 = 2; c1: γ 3, β −1, μ 2, σ² 3 → scale 3/2 = 1.5.
/// x [[3, 0], [5, 4]] → c0: (3−1)·2+1 = 5, (5−1)·2+1 = 9; c1: (0−2)·1.5−1 = −4, (4−2)·1.5−1 = 2.
@Suite struct FloatBatchNormTests {
    let params = [
        Tensor.constant("gamma", shape: [2], values: [4, 3]),
        Tensor.constant("beta", shape: [2], values: [1, -1]),
        Tensor.constant("mean", shape: [2], values: [1, 2]),
        Tensor.constant("var", shape: [2], values: [3, 3]),
    ]

    @Test func perChannelOnLastAxis() throws {
        let r = try runOneNode(.batchNorm(epsilon: 1), input: [3, 0, 5, 4], shape: [2, 2], constants: params)
        expectClose(r.values, [5, -4, 9, 2])
    }

    /// Same numbers laid out as an image [1, 2, 2]: the channel is still the last axis.
    @Test func image() throws {
        let r = try runOneNode(.batchNorm(epsilon: 1), input: [3, 0, 5, 4], shape: [1, 2, 2], constants: params)
        #expect(r.shape == [1, 2, 2])
        expectClose(r.values, [5, -4, 9, 2])
    }
}
