import Foundation
import SmeltCatalog
import SmeltIR

/// `smelt catalog add|list|match|export|describe`: the semantic catalog of models and devices.
public struct CatalogCommand: Command {
    public init() {}
    public let name = "catalog"
    public let summary = "Catalog of model and device descriptions: add, list, match, export as RDF."
    public let discussion = """
        ACTIONS:
          list                      models and devices of the catalog (--json for machine output)
          add FILE [--replace]      validate a NAME.model.jsonld, NAME.device.jsonld or board.json and copy it in;
                                    a malformed description is rejected naming the file and the field,
                                    and the catalog is left unchanged
          match --model NAME        which devices can run the model, with every reason for a rejection
          match --device NAME       which models fit the device (flash, RAM, FPU, sensors)
          export --format turtle|jsonld [--output FILE]
                                    the catalog as RDF (W3C WoT TD, SOSA/SSN, schema.org, OM-2 and
                                    Smelt's nn: vocabulary); docs/sparql/ holds the matching queries
          describe MODEL [options] --output FILE
                                    quantize and compile MODEL in memory and write its description
                                    (MODEL is a model file or reference:NAME, NAME one of
                                    \(CatalogDescribe.referenceNames.joined(separator: ", ")))

        The catalog is a folder (models/, devices/, boards/NAME/board.json); without --catalog the
        embedded read-only default (a copy of Examples/fleet) is used. Formats: docs/catalog.md.
        """
    public let signature = CommandSignature(
        positionals: [
            .init("ACTION", help: "list, add, match, export or describe"),
            .init("ARG", help: "FILE for add, MODEL for describe", optional: true),
        ],
        options: [
            .value("catalog", valueName: "DIR", help: "catalog folder (default: the embedded example fleet)"),
            .value("model", valueName: "NAME", help: "match: the model to place"),
            .value("device", valueName: "NAME", help: "match: the device to fill"),
            .value("format", valueName: "turtle|jsonld", help: "export: RDF syntax (default turtle)"),
            .value("output", short: "o", valueName: "FILE", help: "export/describe: write to FILE instead of stdout"),
            .flag("json", help: "list/match: machine-readable JSON"),
            .flag("replace", help: "add: replace an entry of the same name"),
        ] + CatalogDescribe.options
    )

    public func run(_ arguments: ParsedArguments, console: Console) throws -> Int32 {
        guard let action = arguments.positional("ACTION") else { throw UsageError("missing argument ACTION") }
        let arg = arguments.positional("ARG")
        switch action {
        case "list":
            try noArg(arg, action)
            let c = try catalog(arguments)
            console.write(arguments.flag("json") ? CatalogOutput.listJSON(c) : CatalogOutput.listText(c))
        case "add":
            guard let file = arg else { throw UsageError("add needs FILE") }
            guard let dir = arguments.value("catalog") else {
                throw SmeltError("the embedded catalog is read-only: pass --catalog DIR to add \(file)")
            }
            var c = try Catalog.load(URL(fileURLWithPath: dir))
            let url = URL(fileURLWithPath: file)
            guard FileManager.default.fileExists(atPath: url.path) else { throw SmeltError("\(file): file not found") }
            switch try c.add(file: url, replace: arguments.flag("replace")) {
            case .model(let n): console.line("added model \(n) to \(dir)")
            case .device(let n): console.line("added device \(n) to \(dir)")
            case .board(let n): console.line("added board \(n) to \(dir)")
            }
        case "match":
            try noArg(arg, action)
            let c = try catalog(arguments)
            let json = arguments.flag("json")
            switch (arguments.value("model"), arguments.value("device")) {
            case let (m?, nil):
                let matches = Matcher.devices(for: try c.model(m), in: c)
                console.write(json ? CatalogOutput.matchJSON(matches, model: m, device: nil) : CatalogOutput.devicesText(matches, model: m))
            case let (nil, d?):
                let matches = Matcher.models(for: try c.device(d), in: c)
                console.write(json ? CatalogOutput.matchJSON(matches, model: nil, device: d) : CatalogOutput.modelsText(matches, device: d))
            default:
                throw UsageError("match needs exactly one of --model NAME or --device NAME")
            }
        case "export":
            try noArg(arg, action)
            let format = try arguments.choice("format", of: ["turtle", "jsonld"], default: "turtle")
            let c = try catalog(arguments)
            let g = CatalogRDF.graph(c)
            let text = format == "turtle"
                ? TurtleWriter.write(g, comment: "Smelt catalog: \(c.models.count) models, \(c.devices.count) devices (smelt \(SmeltCLI.version)).\nVocabularies and queries: docs/catalog.md, docs/sparql/.")
                : JSONLDWriter.write(g)
            try emit(text, arguments, console)
        case "describe":
            guard let model = arg else { throw UsageError("describe needs MODEL (a model file or reference:NAME)") }
            let d = try CatalogDescribe.describe(model, arguments)
            try emit(d.json.printed(), arguments, console)
        default:
            throw UsageError("unknown action '\(action)' (list, add, match, export, describe)")
        }
        return 0
    }

    private func noArg(_ arg: String?, _ action: String) throws {
        if let a = arg { throw UsageError("unexpected argument '\(a)' for \(action)") }
    }

    /// `--catalog DIR`, else the embedded default.
    private func catalog(_ arguments: ParsedArguments) throws -> Catalog {
        if let dir = arguments.value("catalog") { return try Catalog.load(URL(fileURLWithPath: dir)) }
        return try Catalog.load(try Catalog.embeddedDirectory())
    }

    private func emit(_ text: String, _ arguments: ParsedArguments, _ console: Console) throws {
        guard let out = arguments.value("output") else { console.write(text); return }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw SmeltError("\(out): cannot write the file")
        }
    }
}
