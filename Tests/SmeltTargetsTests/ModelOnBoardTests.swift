import Foundation
import Testing
import SmeltIR
@testable import SmeltTargets

/// Every Examples model and both reference shapes, quantized to int8, generated as C, built for
/// Cortex-M0 (micro:bit, or the MPS2 M0 map for the models too large for it), M4 and M7 and run
/// under QEMU on 20 inputs in one run per firmware: the outputs are byte-identical to the
/// IntegerInterpreter's. The M4/M7 builds take the DSP kernel paths, the M0 builds the portable ones.
@Suite(.enabled(if: ArmTools.available, "arm-none-eabi-gcc / qemu-system-arm missing (see .ci/install-arm-tools.sh)"),
       .serialized)
struct ModelOnBoardTests {
    /// Prepared models and their expected rows, computed once for all boards.
    final class Cache: @unchecked Sendable {
        private var entries: [String: (BoardModels.Prepared, [[Int32]])] = [:]
        private let lock = NSLock()
        func get(_ name: String) throws -> (BoardModels.Prepared, [[Int32]]) {
            lock.lock()
            defer { lock.unlock() }
            if let e = entries[name] { return e }
            let p = try BoardModels.prepare(name, count: 20)
            let e = (p, try BoardModels.expected(p))
            entries[name] = e
            return e
        }
    }
    static let cache = Cache()

    static let cases: [(String, String)] = [
        ("sine", "cortex-m0"), ("sine", "cortex-m4"), ("sine", "cortex-m7"),
        ("digits", "cortex-m0"), ("digits", "cortex-m4"), ("digits", "cortex-m7"),
        ("autoencoder", "cortex-m0-mps2"), ("autoencoder", "cortex-m4"), ("autoencoder", "cortex-m7"),
        ("ds-cnn", "cortex-m0-mps2"), ("ds-cnn", "cortex-m4"), ("ds-cnn", "cortex-m7"),
    ]

    @Test(arguments: cases)
    func outputsEqualTheIntegerInterpreter(model: String, boardName: String) throws {
        let board = try Board.load(boardName)
        let (p, expected) = try Self.cache.get(model)
        #expect(p.inputs.count == 20)
        #expect(Set(expected).count > 1, "\(model): outputs do not vary")
        let optimization: FirmwareBuilder.Optimization = board.dsp ? .speed : .size
        let elf = try BoardModels.firmware(p, board: board, optimization: optimization)
        defer { try? FileManager.default.removeItem(at: elf.deletingLastPathComponent()) }
        let got = try BoardModels.run(p, elf: elf, board: board)
        let bad = zip(got, expected).filter { $0.0 != $0.1 }.count
        #expect(got.count == expected.count && bad == 0, "\(model) on \(boardName): \(bad) of \(expected.count) rows differ")
    }
}
