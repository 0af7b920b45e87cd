import Foundation
import SmeltIR

/// The external tools the Cortex-M driver runs: arm-none-eabi-gcc / -size / -nm and qemu-system-arm.
///
/// Tools are looked up on `PATH`. `missing` names the ones not found, so callers can print one
/// clear line (`require`) or skip a test (`Toolchain.isAvailable`).
public struct Toolchain: Sendable {
    /// The cross compiler (also the linker driver).
    public var gcc: URL?
    /// `arm-none-eabi-size`, for text / data / bss.
    public var size: URL?
    /// `arm-none-eabi-nm`, for marker-function addresses.
    public var nm: URL?
    /// `qemu-system-arm`, to run and trace firmware.
    public var qemu: URL?

    /// Tool names, as installed by `.ci/install-arm-tools.sh`.
    public static let gccName = "arm-none-eabi-gcc"
    public static let sizeName = "arm-none-eabi-size"
    public static let nmName = "arm-none-eabi-nm"
    public static let qemuName = "qemu-system-arm"

    /// Looks every tool up on `PATH` (from `environment`, the process environment by default).
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> Toolchain {
        let dirs = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        func lookup(_ name: String) -> URL? {
            for dir in dirs where !dir.isEmpty {
                let candidate = URL(fileURLWithPath: dir).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
            return nil
        }
        return Toolchain(gcc: lookup(gccName), size: lookup(sizeName), nm: lookup(nmName), qemu: lookup(qemuName))
    }

    /// Names of the tools not found, in the order gcc, size, nm, qemu.
    public var missing: [String] {
        [(gcc, Self.gccName), (size, Self.sizeName), (nm, Self.nmName), (qemu, Self.qemuName)]
            .filter { $0.0 == nil }.map { $0.1 }
    }

    /// True when every tool was found.
    public var isComplete: Bool { missing.isEmpty }

    /// True when the tools on `PATH` can build, measure and run firmware.
    public static var isAvailable: Bool { find().isComplete }

    /// One line naming what is missing and how to install it, or nil when complete.
    public var missingMessage: String? {
        let names = missing
        if names.isEmpty { return nil }
        return "\(names.joined(separator: ", ")) not found on PATH; install the Debian packages "
            + "gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm (see .ci/install-arm-tools.sh)"
    }

    /// Returns the URL of `tool` (one of the `...Name` constants) or throws a one-line error naming it.
    public func require(_ tool: String) throws -> URL {
        let found: URL?
        switch tool {
        case Self.gccName: found = gcc
        case Self.sizeName: found = size
        case Self.nmName: found = nm
        case Self.qemuName: found = qemu
        default: found = nil
        }
        guard let url = found else {
            throw SmeltError("\(tool) not found on PATH; install gcc-arm-none-eabi libnewlib-arm-none-eabi "
                + "qemu-system-arm (see .ci/install-arm-tools.sh)")
        }
        return url
    }
}
