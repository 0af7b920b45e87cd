import Foundation
import Testing
import SmeltIR
@testable import SmeltCatalog

@Suite struct DescriberTests {
    @Test func figuresComeFromTheCompileReport() throws {
        let (g, c) = try Support.tinyModel()
        let d = try ModelDescriber.describe(graph: g, generated: c, options: .init(smeltVersion: "9.9.9"))
        #expect(d.name == "tiny")
        #expect(d.task == "classification")
        #expect(d.macs == 4 * 8 + 8 * 2)
        #expect(d.macs == c.report.totalMACs)
        #expect(d.flashBytes == c.report.flashBytes)
        #expect(d.arenaBytes == c.report.arenaBytes)
        #expect(d.ramBytes == d.arenaBytes)
        #expect(d.input.shape == [4] && d.input.dtype == "int8")
        #expect(d.input.sensors == [.init(kind: "thermometer", unit: "degreeCelsius"), .init(kind: "light", unit: "lux")])
        #expect(d.output.classes == ["off", "on"])
        #expect(d.layers.map(\.name) == ["fc1", "head", "softmax"])
        #expect(d.layers.map(\.type) == ["Dense", "Dense", "Softmax"])
        #expect(d.layers.map(\.activation) == ["relu", "none", "softmax"])
        #expect(d.layers[0].inputShape == [4] && d.layers[0].outputShape == [8])
        #expect(d.layers[0].weights == "int8 per-channel" && d.layers[2].weights == nil)
        #expect(d.layers.allSatisfy { $0.quantization == "int8" })
        #expect(d.smeltVersion == "9.9.9")
        #expect(d.generatedCSha256 == SHA256.hex(c.header + c.source))
        #expect(d.id.hasPrefix("urn:uuid:") && d.id.count == 45)
        #expect(Array(d.id)[23] == "8")   // version nibble
    }

    @Test func sameCSameIdAndBytes() throws {
        let a = try Support.tinyDescription(), b = try Support.tinyDescription()
        #expect(a.id == b.id)
        #expect(a.json.printed() == b.json.printed())
    }

    @Test func trainingBuffersAddToRAM() throws {
        let d = try Support.tinyDescription(training: .init(arithmetic: "float32", layers: ["head"], bufferBytes: 112))
        #expect(d.ramBytes == d.arenaBytes + 112)
    }

    @Test func jsonRoundTrip() throws {
        let d = try Support.tinyDescription(training: .init(arithmetic: "fixed-point", layers: ["head"], bufferBytes: 112))
        let text = d.json.printed()
        let back = try ModelDescription.decode(try JSONReader.parse(text, path: "t.model.jsonld"), file: "t.model.jsonld")
        #expect(back == d)
    }

    @Test func sensorTextIsChecked() {
        #expect(throws: SmeltError.self) { try ModelDescriber.parseSensors("thermometer") }
        #expect((try? ModelDescriber.parseSensors("")) == [])
    }
}
