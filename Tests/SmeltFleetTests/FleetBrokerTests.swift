import Foundation
import XCTest

/// Runs Tests/Fleet/run_fleet.sh: a real mosquitto with passwords and ACLs, one coordinator and
/// 20 `smelt device` processes. Skips (with the reason) when mosquitto is missing and CI is unset.
final class FleetBrokerTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `smelt` binary next to the test bundle, else `.build/debug/smelt`.
    static var smelt: String {
        var candidates: [URL] = []
        for b in Bundle.allBundles where b.bundlePath.hasSuffix(".xctest") {
            candidates.append(b.bundleURL.deletingLastPathComponent().appendingPathComponent("smelt"))
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/smelt"))
        return (candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!).path
    }

    private func runScript(_ mode: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [Self.packageRoot.appendingPathComponent("Tests/Fleet/run_fleet.sh").path, mode, Self.smelt]
        p.currentDirectoryURL = Self.packageRoot
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-\(mode)-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        let h = try FileHandle(forWritingTo: out)
        p.standardOutput = h
        p.standardError = h
        try p.run()
        p.waitUntilExit()
        try h.close()
        let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: out)
        print(text)
        if p.terminationStatus == 77 { throw XCTSkip(text.split(separator: "\n").last.map(String.init) ?? "mosquitto missing") }
        XCTAssertEqual(p.terminationStatus, 0, text)
        return text
    }

    /// 20 device processes, 50 rounds of sine TinyReptile: equals the in-process simulation.
    func testCleanRunEqualsSimulation() throws {
        let text = try runScript("clean")
        XCTAssertTrue(text.contains("PASS clean"))
        XCTAssertTrue(text.contains("max |difference|"))
    }

    /// Killed devices, broker restart, corrupt/replayed/forged payloads, coordinator restart,
    /// an unknown device and a device publishing on another's topic.
    func testFaultRunCompletesEveryRound() throws {
        let text = try runScript("faults")
        XCTAssertTrue(text.contains("PASS faults"))
        XCTAssertTrue(text.contains("not authorized"))
        XCTAssertTrue(text.contains("Denied PUBLISH"))
    }
}
