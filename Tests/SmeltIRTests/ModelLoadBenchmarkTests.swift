import Testing
@testable import SmeltIR

@Suite("Model load benchmark")
struct ModelLoadBenchmarkTests {
    @Test func summaryNamesParametersAndBothLayouts() throws {
        // h² + 44h + 10 ≈ 3,000 → h = 37: 37² + 44·37 + 10 = 3,007 parameters.
        let text = try ModelLoadBenchmark.run(parameters: 3_000, iterations: 2)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "model load benchmark: 3007 parameters (Dense 32→37→37→10), 2 loads each")
        #expect(lines[1].hasPrefix("  base64 : JSON "))
        // Sidecar offsets (multiples of 16): w1 0 (4,736 B), b1 4,736 (148 B), w2 4,896 (5,476 B),
        // b2 10,384 (148 B), w3 10,544 (1,480 B, ends 12,024), b3 12,032 (40 B) → 12,072 bytes.
        #expect(lines[2].contains("+ sidecar 12072 bytes"))
    }
}
