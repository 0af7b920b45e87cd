import Foundation
import Testing
import SmeltIR
@testable import SmeltTargets

@Suite struct ToolchainTests {
    @Test func missingToolsAreNamed() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("smelt-no-tools-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let toolchain = Toolchain.find(environment: ["PATH": empty.path])
        #expect(toolchain.missing == ["arm-none-eabi-gcc", "arm-none-eabi-size", "arm-none-eabi-nm", "qemu-system-arm"])
        #expect(!toolchain.isComplete)
        #expect(toolchain.missingMessage?.hasPrefix("arm-none-eabi-gcc, arm-none-eabi-size, arm-none-eabi-nm, qemu-system-arm not found on PATH") == true)
        #expect(throws: SmeltError.self) { try toolchain.require(Toolchain.qemuName) }
        let m0 = try Board.load("cortex-m0")
        do {
            _ = try FirmwareBuilder(toolchain: toolchain).build(sources: [], board: m0, output: empty.appendingPathComponent("x.elf"))
            Issue.record("building without gcc must fail")
        } catch {
            #expect("\(error)".hasPrefix("arm-none-eabi-gcc not found on PATH"))
        }
    }

    @Test func findsAnExecutableOnPath() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smelt-fake-tools-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let fake = dir.appendingPathComponent("arm-none-eabi-nm")
        try Data("#!/bin/sh\n".utf8).write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let toolchain = Toolchain.find(environment: ["PATH": "/nonexistent:" + dir.path])
        #expect(toolchain.nm == fake)
        #expect(toolchain.missing == ["arm-none-eabi-gcc", "arm-none-eabi-size", "qemu-system-arm"])
    }
}
