import Foundation
import SmeltCLI
import Testing

/// `smelt presence data|drift` (the experiment itself is tested in SmeltLearnTests/PresenceTests).
@Suite struct PresenceCommandTests {
    static func run(_ args: [String]) -> (status: Int32, out: String, err: String) {
        let c = CapturingConsole()
        return (SmeltCLI.run(["presence"] + args, console: c.console), c.out, c.err)
    }

    @Test func dataMatchesTheCommittedExample() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let r = Self.run(["data", "-o", dir.path("p"), "--seed", "1"])
        #expect(r.status == 0, "\(r.err)")
        let example = SmeltProcess.packageRoot.appendingPathComponent("Examples/presence")
        for file in ["train.csv", "test.csv", "calibration.csv", "presence_init.json"] {
            #expect(r.out.contains("wrote \(dir.path("p"))/\(file)"))
            let mine = FileManager.default.contents(atPath: dir.path("p/\(file)"))
            #expect(mine != nil && mine == FileManager.default.contents(atPath: example.appendingPathComponent(file).path), "\(file) differs")
        }
    }

    @Test func usageErrors() {
        #expect(Self.run(["fly"]).status == 2)
        #expect(Self.run(["data"]).status == 2)                                   // no --output
        #expect(Self.run(["drift", "Examples/presence/presence.json"]).status == 2)  // no --calibrate
        #expect(Self.run([]).status == 2)
    }
}
