import Foundation
import Testing
import SmeltIR
@testable import SmeltCatalog

/// Malformed descriptions are rejected naming the file and the field, and the catalog is unchanged.
@Suite struct ValidationTests {
    /// The tiny model's description with `edit` applied to its top-level members.
    func modelText(_ edit: (inout [(String, JSON)]) -> Void) throws -> String {
        guard case .object(var members) = try Support.tinyDescription().json else { fatalError() }
        edit(&members)
        return JSON.object(members).printed()
    }

    func set(_ members: inout [(String, JSON)], _ key: String, _ value: JSON?) {
        if let i = members.firstIndex(where: { $0.0 == key }) {
            if let v = value { members[i].1 = v } else { members.remove(at: i) }
        }
    }

    func inputWithSensor(kind: String, unit: String) -> JSON {
        .object([("name", .string("input")), ("shape", .array([.int(4)])), ("dtype", .string("int8")),
                 ("sensors", .array([.object([("kind", .string(kind)), ("unit", .string(unit))])]))])
    }

    /// Adds `text` as `file` to a copy of the example fleet; returns the error message.
    func rejection(_ text: String, file: String = "bad.model.jsonld") throws -> String {
        let dir = try Support.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalogDir = dir.appendingPathComponent("catalog")
        try FileManager.default.copyItem(at: Support.fleet, to: catalogDir)
        let before = Support.snapshot(catalogDir)
        let url = dir.appendingPathComponent(file)
        try Data(text.utf8).write(to: url)
        var catalog = try Catalog.load(catalogDir)
        var message = "accepted"
        do { try catalog.add(file: url) } catch let e as SmeltError { message = e.message }
        #expect(Support.snapshot(catalogDir) == before, "catalog changed")
        #expect(message.hasPrefix(url.path + ": "))
        return String(message.dropFirst(url.path.count + 2))
    }

    @Test func missingField() throws {
        #expect(try rejection(try modelText { set(&$0, "flashBytes", nil) }) == "field \"flashBytes\": missing")
    }

    @Test func negativeMemory() throws {
        #expect(try rejection(try modelText { set(&$0, "arenaBytes", .int(-5)) }) == "field \"arenaBytes\": must not be negative, got -5")
    }

    @Test func wrongUnit() throws {
        let text = try modelText { set(&$0, "input", inputWithSensor(kind: "thermometer", unit: "lux")) }
        #expect(try rejection(text) == "field \"input.sensors[0].unit\": \"lux\": a thermometer reports in degreeCelsius or kelvin")
        let unknown = try modelText { set(&$0, "input", inputWithSensor(kind: "thermometer", unit: "fahrenheit")) }
        #expect(try rejection(unknown).hasPrefix("field \"input.sensors[0].unit\": \"fahrenheit\": unknown unit; "))
    }

    @Test func unknownSensorKind() throws {
        let text = try modelText { set(&$0, "input", inputWithSensor(kind: "sonar", unit: "one")) }
        #expect(try rejection(text).hasPrefix("field \"input.sensors[0].kind\": unknown sensor kind \"sonar\" (known: accelerometer,"))
    }

    @Test func inconsistentRAM() throws {
        #expect(try rejection(try modelText { set(&$0, "ramBytes", .int(1)) }).hasPrefix("field \"ramBytes\": is 1, but arenaBytes"))
    }

    @Test func badDevices() throws {
        func device(_ board: String, _ sensors: String) -> String {
            """
            {"type": ["td:Thing", "sosa:Platform"], "name": "d1", "board": "\(board)",
             "location": {"name": "lab"}, "sensors": [\(sensors)]}
            """
        }
        #expect(try rejection(device("cortex-m99", ""), file: "d1.device.jsonld").hasPrefix("field \"board\": unknown board \"cortex-m99\""))
        #expect(try rejection(device("cortex-m4", #"{"name": "t", "kind": "thermometer"}"#), file: "d1.device.jsonld")
                == "field \"sensors[0].unit\": missing")
        #expect(try rejection(device("cortex-m4", #"{"name": "t", "kind": "nose", "unit": "one"}"#), file: "d1.device.jsonld")
                .hasPrefix("field \"sensors[0].kind\": unknown sensor kind \"nose\""))
        #expect(try rejection(#"{"type": ["td:Thing"], "name": "d1", "board": "cortex-m4", "sensors": []}"#, file: "d1.device.jsonld")
                == "field \"location\": missing")
    }

    @Test func duplicatesAndSyntax() throws {
        let digits = try String(contentsOf: Support.fleet.appendingPathComponent("models/digits.model.jsonld"), encoding: .utf8)
        #expect(try rejection(digits) == "field \"name\": model \"digits\" is already in the catalog (use --replace)")
        #expect(try rejection("{\"name\": ").hasPrefix("invalid JSON at line 1"))
    }

    @Test func boards() throws {
        let dir = try Support.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = dir.appendingPathComponent("board.json")
        try Data(#"{"name": "nrf5340", "core": "cortex-m33", "architecture": "armv8-m.main", "description": "Nordic nRF5340 application core", "flashBytes": 1048576, "ramBytes": 524288, "fpu": true, "dsp": true, "clockHz": 128000000}"#.utf8).write(to: src)
        var catalog = try Catalog.load(dir)
        #expect(try catalog.add(file: src) == .board("nrf5340"))
        #expect(try Catalog.load(dir).boards["nrf5340"]?.ramBytes == 524_288)
        try Data(#"{"name": "cortex-m4", "core": "cortex-m4", "architecture": "armv7e-m", "description": "x", "flashBytes": 1, "ramBytes": -1, "fpu": true, "dsp": true, "clockHz": 1}"#.utf8).write(to: src)
        #expect(throws: SmeltError("\(src.path): field \"ramBytes\": must not be negative, got -1")) { try catalog.add(file: src) }
    }

    @Test func validAddWritesOneFile() throws {
        let dir = try Support.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = dir.appendingPathComponent("tiny.model.jsonld")
        try Data(try Support.tinyDescription().json.printed().utf8).write(to: src)
        var catalog = try Catalog.load(dir)
        #expect(try catalog.add(file: src) == .model("tiny"))
        #expect(Support.snapshot(dir.appendingPathComponent("models")).keys.sorted() == ["tiny.model.jsonld"])
        #expect(try Catalog.load(dir).models.map(\.name) == ["tiny"])
    }
}
