import Foundation
import Testing
import SmeltIR
@testable import SmeltCodegen

/// The generated C builds for a Cortex-M0 (no FPU, no DSP) and needs no floating-point helpers.
@Suite("Generated C cross-compiles for Cortex-M0")
struct CrossCompileTests {
    static let armGCC = ["/usr/bin/arm-none-eabi-gcc", "/usr/local/bin/arm-none-eabi-gcc"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let armNM = armGCC.map { $0.replacingOccurrences(of: "-gcc", with: "-nm") }

    @Test("cortex-m0 object of every scheme: only integer runtime helpers", .enabled(if: armGCC != nil), arguments: TestScheme.allCases)
    func cortexM0(_ scheme: TestScheme) throws {
        let c = try CEmitter.emit(graph: EmitterStructureTests.smallCNN(scheme: scheme), name: "cnn")
        let gcc = CCompiler(path: Self.armGCC!)
        let obj = try gcc.object(main: "cnn.c", files: ["cnn.h": c.header, "cnn.c": c.source],
                                 extraFlags: ["-mcpu=cortex-m0", "-mthumb", "-mfloat-abi=soft", "-Os"])
        defer { try? FileManager.default.removeItem(at: obj.deletingLastPathComponent()) }
        let nm = try CCompiler.execute(Self.armNM!, ["-u", obj.path])
        let undefined = nm.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").last.map(String.init) }
        // Integer helpers (__aeabi_idiv, __aeabi_lmul, __aeabi_ldivmod) are fine; float ones are not.
        let floatHelpers = undefined.filter { $0.hasPrefix("__aeabi_f") || $0.hasPrefix("__aeabi_d") || $0.hasSuffix("sf3") || $0.hasSuffix("df3") }
        #expect(floatHelpers.isEmpty, "\(scheme): \(floatHelpers)")
        #expect(!undefined.contains { ["malloc", "free", "expf", "exp", "tanhf"].contains($0) })
        let defined = try CCompiler.execute(Self.armNM!, [obj.path]).stdout
        #expect(defined.contains(" T cnn_invoke"))
    }
}
