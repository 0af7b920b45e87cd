import Foundation
import Testing

/// `smelt inspect` on the shipped examples and on fixtures, through the executable.
@Suite struct InspectCommandTests {
    @Test func sineTable() throws {
        let r = try SmeltProcess.run(["inspect", "Examples/sine/sine.json"])
        #expect(r.status == 0)
        #expect(r.err.isEmpty)
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.contains("inputs:  x [1] float32"))
        #expect(lines.contains("outputs: y [1] float32"))
        // 1-16-16-1: fc1 16+16, fc2 256+16, fc3 16+1 = 321 parameters; MACs 16 + 256 + 16 = 288.
        let words = { (prefix: String) in lines.first { $0.hasPrefix(prefix) }?.split(separator: " ").map(String.init) ?? [] }
        #expect(words("fc1 ") == ["fc1", "Dense", "[16]", "32", "16", "64"])
        #expect(words("fc2 ") == ["fc2", "Dense", "[16]", "272", "256", "64"])
        #expect(words("fc3 ") == ["fc3", "Dense", "[1]", "17", "16", "4"])
        #expect(words("total ") == ["total", "5", "layers", "321", "288", "260"])
        #expect(lines.contains("parameters: 321 (each shared tensor counted once); weight bytes: 1,284"))
        // Columns are aligned: every table row is as wide as the header's rule.
        let rule = try #require(lines.first { $0.hasPrefix("-----") })
        let headerIndex = try #require(lines.firstIndex { $0.hasPrefix("node ") })
        #expect(lines[headerIndex].count == rule.count)
        #expect(lines[headerIndex + 2].count == rule.count)
    }

    @Test func sineJSON() throws {
        let r = try SmeltProcess.run(["inspect", "--json", "Examples/sine/sine.json"])
        #expect(r.status == 0)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let totals = try #require(obj["totals"] as? [String: Any])
        #expect(totals["parameters"] as? Int == 321)
        #expect(totals["macs"] as? Int == 288)
        #expect(totals["weightBytes"] as? Int == 321 * 4)
        let layers = try #require(obj["layers"] as? [[String: Any]])
        #expect(layers.map { $0["node"] as? String } == ["fc1", "relu1", "fc2", "relu2", "fc3"])
        #expect(layers.map { $0["parameters"] as? Int } == [32, 0, 272, 0, 17])
        #expect(obj["model"] as? String == "sine")
    }

    @Test func digitsTotals() throws {
        let r = try SmeltProcess.run(["inspect", "Examples/digits/digits.json"])
        #expect(r.status == 0)
        // conv1 3×3×1→8: 72+8; conv2 3×3×8→16: 1152+16; fc 256→10: 2560+10 → 3,818.
        // MACs: 8·8·8·9 = 4,608; 4·4·16·72 = 18,432; 2,560 → 25,600.
        let total = r.out.split(separator: "\n").first { $0.hasPrefix("total ") }?.split(separator: " ").map(String.init)
        #expect(total == ["total", "7", "layers", "3,818", "25,600", "7,248"])
        #expect(r.out.contains("inputs:  input [8, 8, 1] float32"))
    }

    @Test func sharedTensorCountedOnce() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let model = try dir.write("shared.json", SharedFixture.json)
        let r = try SmeltProcess.run(["inspect", model])
        #expect(r.status == 0)
        let lines = r.out.split(separator: "\n").map(String.init)
        let words = { (prefix: String) in lines.first { $0.hasPrefix(prefix) }?.split(separator: " ").map(String.init) ?? [] }
        #expect(words("fc1 ") == ["fc1", "Dense", "[2]", "6", "4", "8"])
        #expect(words("fc2 ") == ["fc2", "Dense", "[2]", "6", "4", "8"])
        #expect(words("total ") == ["total", "2", "layers", "8", "8", "16"])
        #expect(lines.contains("shared tensors:"))
        #expect(lines.contains("  w (4 elements) read by fc1, fc2"))
    }

    @Test func fusedActivationShownInOpColumn() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let r = try SmeltProcess.run(["inspect", try dir.write("m.json", FixtureModel().json)])
        #expect(r.status == 0)
        #expect(r.out.split(separator: "\n").contains { $0.hasPrefix("fc1    Dense+relu ") })
    }
}
