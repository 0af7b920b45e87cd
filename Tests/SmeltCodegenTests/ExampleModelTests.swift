import Foundation
import Testing
import SmeltIR
import SmeltPasses
import SmeltQuant
import SmeltEmulator
@testable import SmeltCodegen

/// The example models of Examples/ quantized by SmeltQuant in every scheme, generated as C,
/// compiled with every host compiler and compared with the IntegerInterpreter on 200 inputs.
@Suite("Example models: generated C equals the IntegerInterpreter")
struct ExampleModelTests {
    static let examples = EmitterStructureTests.packageRoot.appendingPathComponent("Examples")

    struct Case: CustomStringConvertible, Sendable {
        let model: String
        let scheme: Scheme
        var description: String { "\(model)/\(scheme.rawValue)" }
    }

    static let cases = ["sine", "digits"].flatMap { m in Scheme.allCases.map { Case(model: m, scheme: $0) } }

    @Test("quantize, emit, compile, run 200 calibration rows", arguments: cases)
    func example(_ c: Case) throws {
        let dir = Self.examples.appendingPathComponent(c.model)
        let float = try Pipeline.standard(ModelFile.load(path: dir.appendingPathComponent("\(c.model).json").path))
        let rows = try CSVData(path: dir.appendingPathComponent("calibration.csv").path).rows
        let calibration = try Calibration.collect(graph: float, samples: rows)
        let q = try Quantizer.quantize(graph: float, calibration: calibration, scheme: c.scheme)
        let inputs = try rows.map { try q.quantizeInput($0) }
        let interpreter = try IntegerInterpreter(graph: q)
        let expected = try inputs.map { try interpreter.run($0).map(Int64.init) }
        #expect(Set(expected).count > 10, "\(c): outputs barely vary")
        let generated = try CEmitter.emit(graph: q, name: c.model, options: EmitOptions())
        for compiler in CCompiler.available {
            let got = try ModelHarness.run(generated, inputs: inputs.map { $0.map(Int64.init) }, compiler: compiler)
            let bad = zip(got, expected).filter { $0.0 != $0.1 }.count
            #expect(got.count == expected.count && bad == 0, "\(c) with \(compiler): \(bad) of \(expected.count) samples differ")
        }
        let specialized = try CEmitter.emit(graph: q, name: c.model, options: EmitOptions(specialize: true))
        let gotSpecialized = try ModelHarness.run(specialized, inputs: inputs.map { $0.map(Int64.init) }, compiler: CCompiler.available[0])
        #expect(gotSpecialized == expected, "\(c): specialized C differs")
        let sanitized = try ModelHarness.run(generated, inputs: inputs.map { $0.map(Int64.init) }, compiler: CCompiler.available[0],
                                             extraFlags: ModelHarness.sanitizeFlags)
        #expect(sanitized == expected, "\(c): differs or aborted under -fsanitize=undefined")
    }
}
