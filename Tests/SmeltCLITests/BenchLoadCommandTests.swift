import Testing

@Suite struct BenchLoadCommandTests {
    /// A small model keeps the test fast; h² + 44h + 10 ≈ 2000 → h = 28: (32·28+28) + (28·28+28) + (28·10+10) = 924 + 812 + 290 = 2,026.
    @Test func printsFigures() throws {
        let r = try SmeltProcess.run(["bench-load", "--parameters", "2000", "--iterations", "2"])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first == "model load benchmark: 2026 parameters (Dense 32→28→28→10), 2 loads each")
        #expect(lines.dropFirst().first?.hasPrefix("  base64 : JSON ") == true)
        #expect(lines.last?.hasPrefix("  sidecar: JSON ") == true)
    }
}
