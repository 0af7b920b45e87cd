import Testing
import SmeltIR
@testable import SmeltFrontend

extension SplitMix64 {
    /// A draw in `0..<max(n, 1)` (modulo; the fuzz cases need reproducibility, not uniformity).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}

/// Mutations used by both fuzz suites: truncation, flipped bytes, runs of 0xFF (huge varints,
/// lengths and offsets), random 32-bit words, and copied segments.
func mutate(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
    var b = bytes
    switch rng.below(5) {
    case 0: b = Array(b[..<rng.below(b.count)])
    case 1: for _ in 0...rng.below(8) { b[rng.below(b.count)] ^= UInt8(1 << rng.below(8)) }
    case 2:
        let at = rng.below(b.count)
        for k in at..<min(at + 1 + rng.below(10), b.count) { b[k] = 0xFF }
    case 3:
        let at = rng.below(max(b.count - 4, 1))
        let v = UInt32(truncatingIfNeeded: rng.next())
        for k in 0..<4 where at + k < b.count { b[at + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(k))) }
    default:
        let from = rng.below(b.count), to = rng.below(b.count), n = min(rng.below(64), b.count - max(from, to))
        if n > 0 { b.replaceSubrange(to..<to + n, with: b[from..<from + n]) }
    }
    return b
}

@Suite("ONNX fuzz")
struct ONNXFuzzTests {
    @Test("1,200 mutated fixtures: each imports or fails with a one-line error naming the file")
    func fuzz() throws {
        let names = ["gemm", "cnn", "qdq", "branchy", "flatten_gemm", "reshape_matmul"]
        let models = try names.map { try Fixtures.bytes(Fixtures.folder("onnx") + "/\($0).onnx") }
        var rng = SplitMix64(seed: 42)
        var failures = 0
        for i in 0..<1200 {
            let bytes = mutate(models[i % models.count], &rng)
            do {
                _ = try ONNXImporter.decode(bytes, path: "fuzz.onnx")
            } catch let e as SmeltError {
                failures += 1
                #expect(e.message.hasPrefix("fuzz.onnx: ") && !e.message.contains("\n"), "case \(i): \(e.message)")
            }
        }
        #expect(failures > 300)
    }
}
