import Foundation

/// Why a firmware run produced no trustworthy output. Never mixed into `RunResult.output`.
public enum TargetRunError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A fault handler ran: `kind` is `HardFault`, `MemManage`, `BusFault`, `UsageFault`, `NMI` or `IRQ`;
    /// `pc` is the stacked program counter; `output` what the firmware printed before.
    case fault(elf: String, kind: String, pc: UInt32, output: String)
    /// The core locked up (a fault while handling a fault); QEMU aborted with `message`.
    case lockup(elf: String, message: String)
    /// The firmware ran longer than `seconds` and was killed.
    case timeout(elf: String, seconds: Double, output: String)
    /// QEMU itself failed (bad machine, unloadable ELF, ...): its first error line.
    case emulator(elf: String, message: String)

    public var description: String {
        switch self {
        case let .fault(elf, kind, pc, _):
            return "\(elf): \(kind) at pc=0x\(String(pc, radix: 16)) on the target"
        case let .lockup(elf, message):
            return "\(elf): core lockup (\(message))"
        case let .timeout(elf, seconds, _):
            return "\(elf): no exit after \(seconds) s, QEMU killed (infinite loop?)"
        case let .emulator(elf, message):
            return "\(elf): qemu-system-arm failed: \(message)"
        }
    }
}
