import Foundation
import Testing
@testable import SmeltCatalog

@Suite struct RDFTests {
    @Test func turtleLayout() {
        var g = RDFGraph()
        g.add("https://w3id.org/smelt/catalog/board/x", Vocabulary.rdf + "type", .iri(Vocabulary.nn + "Microcontroller"))
        g.add("https://w3id.org/smelt/catalog/board/x", Vocabulary.schema + "name", .string("a \"b\"\n"))
        g.add("https://w3id.org/smelt/catalog/board/x", Vocabulary.nn + "hasFPU", .boolean(true))
        g.add("https://w3id.org/smelt/catalog/board/x", Vocabulary.nn + "hasFPU", .boolean(true))
        g.add(Vocabulary.nn + "Camera", Vocabulary.om + "hasNumericalValue", .integer(-3))
        let ttl = TurtleWriter.write(g)
        #expect(ttl.hasPrefix("@prefix nn: <https://w3id.org/smelt/nn#> .\n"))
        #expect(ttl.hasSuffix("""

            <https://w3id.org/smelt/catalog/board/x>
                a nn:Microcontroller ;
                schema:name "a \\"b\\"\\n" ;
                nn:hasFPU "true"^^xsd:boolean .

            nn:Camera
                om:hasNumericalValue "-3"^^xsd:integer .

            """))
        #expect(TurtleWriter.name(Vocabulary.om + "metrePerSecond-TimeSquared") == "om:metrePerSecond-TimeSquared")
        #expect(TurtleWriter.name(Vocabulary.nn + "a.b") == "<https://w3id.org/smelt/nn#a.b>")
    }

    @Test func jsonldLayout() throws {
        var g = RDFGraph()
        g.add("urn:x", Vocabulary.rdf + "type", .iri(Vocabulary.sosa + "Sensor"))
        g.add("urn:x", Vocabulary.om + "hasNumericalValue", .integer(7))
        let doc = try JSONReader.parse(JSONLDWriter.write(g), path: "x")
        let node = JSON.object([("@id", .string("urn:x")), ("@type", .array([.string("sosa:Sensor")])),
                                ("om:hasNumericalValue", .array([.object([("@value", .string("7")), ("@type", .string("xsd:integer"))])]))])
        #expect(doc["@graph"] == .array([node]))
    }

    @Test func exportCountsOnTheFleet() throws {
        let g = CatalogRDF.graph(try Catalog.load(Support.fleet))
        let types = g.triples.filter { $0.predicate == Vocabulary.rdf + "type" }
        #expect(types.filter { $0.object == .iri(Vocabulary.nn + "NeuralNetwork") }.count == 6)
        #expect(types.filter { $0.object == .iri(Vocabulary.td + "Thing") }.count == 23)
        #expect(types.filter { $0.object == .iri(Vocabulary.nn + "Microcontroller") }.count == 10)
        #expect(g.triples.count == 1965)
    }

    @Test func jsonReaderAndPrinter() throws {
        let text = #"{"a": [1, 2.5, "x\n\u00e9"], "b": {"c": true, "d": null}, "e": -0.001}"#
        let v = try JSONReader.parse(text, path: "t")
        #expect(v["a"] == .array([.int(1), .double(2.5), .string("x\né")]))
        #expect(try JSONReader.parse(v.printed(), path: "t") == v)
        #expect(throws: Error.self) { try JSONReader.parse(#"{"a": 1, "a": 2}"#, path: "t") }
        #expect(throws: Error.self) { try JSONReader.parse("[1,]", path: "t") }
    }
}
