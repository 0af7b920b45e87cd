import Foundation

/// Measures how fast `ModelFile.load` reads a model of a given size (exposed as `smelt bench-load`).
public enum ModelLoadBenchmark {
    /// Builds a multilayer perceptron `32 → h → h → 10` with about `parameters` parameters
    /// (`h² + 44h + 10 ≈ parameters`), writes it to a temporary directory with inline base64 and
    /// with a sidecar, loads each `iterations` times and returns a printable summary.
    ///
    /// Throws if writing or loading fails or a loaded graph differs from the one written.
    public static func run(parameters: Int = 300_000, iterations: Int = 10) throws -> String {
        let disc: Double = 1936 + 4 * Double(max(parameters - 10, 0))
        let h = max(1, Int(((disc.squareRoot() - 44) / 2).rounded()))
        var b = GraphBuilder(name: "bench", input: [32], seed: 1)
        var x = b.input
        x = b.dense(x, units: h, activation: .relu)
        x = b.dense(x, units: h, activation: .relu)
        x = b.dense(x, units: 10)
        let g = try b.finish(outputs: [x])
        let params = GraphStatistics(g).totalParameters

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smelt-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inline = dir.appendingPathComponent("inline.json").path
        let side = dir.appendingPathComponent("sidecar.json").path
        try ModelFile.write(g, to: inline)
        try ModelFile.write(g, to: side, sidecar: true)

        func measure(_ path: String) throws -> (mean: Double, min: Double) {
            var times: [Double] = []
            for _ in 0..<max(iterations, 1) {
                let start = ContinuousClock.now
                let loaded = try ModelFile.load(path: path)
                let d = ContinuousClock.now - start
                times.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
                guard loaded == g else { throw SmeltError("\(path): loaded graph differs from the graph written") }
            }
            return (times.reduce(0, +) / Double(times.count), times.min() ?? 0)
        }
        func size(_ path: String) -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        }
        let a = try measure(inline), s = try measure(side)
        let sidecarPath = dir.appendingPathComponent(ModelFile.sidecarFileName(for: side)).path
        func ms(_ v: Double) -> String { String(format: "%.2f ms", v) }
        return """
            model load benchmark: \(params) parameters (Dense 32→\(h)→\(h)→10), \(max(iterations, 1)) loads each
              base64 : JSON \(size(inline)) bytes; mean \(ms(a.mean)), min \(ms(a.min))
              sidecar: JSON \(size(side)) bytes + sidecar \(size(sidecarPath)) bytes; mean \(ms(s.mean)), min \(ms(s.min))
            """
    }
}
