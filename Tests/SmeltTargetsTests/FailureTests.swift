import Foundation
import Testing
import SmeltIR
@testable import SmeltTargets

/// Faults, lockups, timeouts, oversized firmware and wrong-core code are errors, never output.
@Suite(.enabled(if: ArmTools.available, "arm-none-eabi-gcc / qemu-system-arm missing (see .ci/install-arm-tools.sh)"))
struct FailureTests {
    func expectFault(_ body: () throws -> RunResult) -> (kind: String, pc: UInt32, output: String)? {
        do {
            let result = try body()
            Issue.record("expected a fault, got output \(result.output) and status \(result.exitCode)")
        } catch let TargetRunError.fault(_, kind, pc, output) {
            return (kind, pc, output)
        } catch {
            Issue.record("expected a fault, got \(error)")
        }
        return nil
    }

    @Test(arguments: [("cortex-m0", "HardFault"), ("cortex-m3", "UsageFault"), ("cortex-m7", "UsageFault")])
    func trapInTheModelIsAFaultAfterTheRowsBeforeIt(boardName: String, kind: String) throws {
        let board = try Board.load(boardName)
        let elf = try Fixtures.spinFirmware(board: board, defines: ["SPIN_TRAP"])
        let input = try SampleFile.encode(samples: [[2], [3], [4]], inputSize: 1, elementBytes: 1)
        let fault = expectFault { try QEMURunner().run(elf: elf, board: board, input: input) }
        #expect(fault?.kind == kind)
        #expect(fault?.output == "1")  // sample [2]: acc = 0 + 1
        #expect((fault?.pc ?? 0) > 0)
    }

    @Test func badAddressIsABusFaultOnCortexM4() throws {
        let board = try Board.load("cortex-m4")
        let elf = try Fixtures.program(
            "int main(void) { return *(volatile int *)0x30000000u; }\n", board: board)
        let fault = expectFault { try QEMURunner().run(elf: elf, board: board) }
        #expect(fault?.kind == "BusFault")
    }

    @Test func infiniteLoopIsATimeout() throws {
        let board = try Board.load("cortex-m3")
        let elf = try Fixtures.spinFirmware(board: board, defines: ["SPIN_FOREVER"])
        let input = try SampleFile.encode(samples: [[1]], inputSize: 1, elementBytes: 1)
        let start = Date()
        #expect(throws: TargetRunError.timeout(elf: elf.lastPathComponent, seconds: 2, output: "")) {
            try QEMURunner().run(elf: elf, board: board, input: input, timeout: 2)
        }
        #expect(Date().timeIntervalSince(start) < 20)
    }

    @Test func faultWhileStackingIsALockup() throws {
        let board = try Board.load("cortex-m0")
        let elf = try Fixtures.program(
            "int main(void) { __asm__ volatile(\"msr msp, %0\" :: \"r\"(0x30000000u)); __builtin_trap(); return 0; }\n",
            board: board)
        do {
            _ = try QEMURunner().run(elf: elf, board: board, timeout: 30)
            Issue.record("expected a lockup")
        } catch let TargetRunError.lockup(_, message) {
            #expect(message.contains("can't escalate"))
        }
    }

    @Test func dspInstructionFaultsOnCortexM0() throws {
        // SMLAD is ARMv7E-M (DSP extension); QEMU's Cortex-M0 treats it as UNDEFINED.
        let source = """
            #include "semihost.h"
            __attribute__((target("arch=armv7e-m"), noinline)) static int smlad(int a, int b, int c) {
                int r;
                __asm__ volatile("smlad %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(c));
                return r;
            }
            int main(void) { smelt_sh_put_int(smlad(0x00020003, 0x00040005, 1)); return 0; }

            """
        let m0 = try Board.load("cortex-m0")
        let fault = expectFault { try QEMURunner().run(elf: try Fixtures.program(source, board: m0), board: m0) }
        #expect(fault?.kind == "HardFault")
        let m4 = try Board.load("cortex-m4")
        let ok = try QEMURunner().run(elf: try Fixtures.program(source, board: m4), board: m4)
        #expect(ok.output == "24" && ok.exitCode == 0)  // 2·4 + 3·5 + 1
    }

    @Test func oversizedFirmwareIsRefusedWithShortfalls() throws {
        // 300 000 bytes of constants and 20 000 bytes of zeroed RAM: too big for the micro:bit.
        let source = """
            #include <stdint.h>
            static const int8_t table[300000] = {1};
            static volatile int8_t arena[20000];
            int main(void) {
                const volatile int8_t *t = table;
                arena[19999] = t[299999];
                return arena[0];
            }

            """
        let m0 = try Board.load("cortex-m0")
        var linkerMessage = ""
        do {
            _ = try Fixtures.program(source, board: m0)
            Issue.record("the micro:bit link should overflow")
        } catch let error as SmeltError {
            print("oversized on cortex-m0: \(error)")
            linkerMessage = error.message
            #expect(error.message.contains("does not fit cortex-m0: region FLASH overflowed by"))
            #expect(error.message.contains("region RAM overflowed by"))
        }
        // The same M0 code links on the MPS2 map; the fit check against the micro:bit gives the shortfalls.
        let elf = try Fixtures.program(source, board: try Board.load("cortex-m0-mps2"))
        let size = try SizeReport.measure(elf: elf)
        let fit = size.fit(on: m0)
        print("oversized built for cortex-m0-mps2: \(size), \(fit)")
        #expect(!fit.fits)
        #expect(fit.flashShortfall == size.flashBytes - 262_144)
        #expect(fit.flashShortfall > 300_000 - 262_144)
        #expect(fit.ramShortfall == size.ramBytes - 16_384)
        #expect(fit.ramShortfall >= 20_000 - 16_384)
        #expect(size.data == 0 && size.text > 300_000 && size.bss >= 20_000)
        // The linker's overflow on the micro:bit map and the fit check agree to the byte.
        #expect(linkerMessage.contains("region FLASH overflowed by \(fit.flashShortfall) bytes"))
        #expect(linkerMessage.contains("region RAM overflowed by \(fit.ramShortfall) bytes"))
        #expect(throws: SmeltError.self) { try size.requireFit(on: m0, path: "big.elf") }
    }
}
