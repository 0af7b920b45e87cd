import Testing
import SmeltIR
import SmeltEmulator

@Suite struct FloatReshapeTests {
    /// Row-major values are kept; only the shape changes ([2, 3] → [3, −1] = [3, 2]).
    @Test func reshapeKeepsOrder() throws {
        let r = try runOneNode(.reshape(shape: [3, -1]), input: ramp(6), shape: [2, 3])
        #expect(r.shape == [3, 2])
        expectClose(r.values, ramp(6))
    }

    /// Flatten of [2, 2, 1] → [4] in row-major (H, W, C) order.
    @Test func flatten() throws {
        let r = try runOneNode(.flatten, input: [4, 3, 2, 1], shape: [2, 2, 1])
        #expect(r.shape == [4])
        expectClose(r.values, [4, 3, 2, 1])
    }
}
