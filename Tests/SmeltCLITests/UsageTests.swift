import Foundation
import Testing
@testable import SmeltCLI

/// Usage errors (exit 2 + usage) and help (exit 0), through the real executable.
@Suite struct UsageTests {
    static let commandNames = CommandRegistry.all.map(\.name)

    @Test(arguments: commandNames)
    func helpOnEveryCommand(name: String) throws {
        for args in [[name, "--help"], [name, "-h"], ["help", name], [name, "anything", "--bogus", "--help"]] {
            let r = try SmeltProcess.run(args)
            #expect(r.status == 0, "\(args)")
            #expect(r.err.isEmpty, "\(args)")
            #expect(r.out.contains("USAGE: smelt \(name)"), "\(args)")
            #expect(r.out.contains("-h, --help"), "\(args)")
        }
    }

    @Test(arguments: [["--help"], ["-h"], ["help"]])
    func topLevelHelpListsEveryCommand(args: [String]) throws {
        let r = try SmeltProcess.run(args)
        #expect(r.status == 0)
        #expect(r.err.isEmpty)
        for name in Self.commandNames { #expect(r.out.contains("\n  \(name) ")) }
    }

    @Test func version() throws {
        let r = try SmeltProcess.run(["--version"])
        #expect(r.status == 0)
        #expect(r.out == "smelt \(SmeltCLI.version)\n")
    }

    @Test(arguments: [
        (["frobnicate"], "smelt: error: unknown command 'frobnicate'"),
        (["--frobnicate"], "smelt: error: unknown option '--frobnicate'"),
        ([], "smelt: error: missing command"),
        (["help", "frobnicate"], "smelt: error: unknown command 'frobnicate'"),
    ])
    func unknownCommand(args: [String], firstLine: String) throws {
        let r = try SmeltProcess.run(args)
        #expect(r.status == 2)
        #expect(r.out.isEmpty)
        #expect(r.errLines.first == firstLine)
        #expect(r.err.contains("USAGE: smelt COMMAND"))
    }

    @Test(arguments: [
        (["inspect", "m.json", "--bogus"], "smelt inspect: error: unknown option '--bogus'", "USAGE: smelt inspect MODEL [--json]"),
        (["inspect"], "smelt inspect: error: missing argument MODEL", "USAGE: smelt inspect MODEL [--json]"),
        (["run", "m.json"], "smelt run: error: missing required option '--input FILE'", "USAGE: smelt run MODEL --input FILE"),
        (["run", "m.json", "--input"], "smelt run: error: option '--input' needs a value (FILE)", "USAGE: smelt run MODEL --input FILE"),
        (["run", "m.json", "--input", "x.csv", "--format", "xml"], "smelt run: error: --format must be one of csv, json, got 'xml'", "USAGE: smelt run MODEL"),
        (["bench-load", "--parameters", "many"], "smelt bench-load: error: --parameters expects an integer, got 'many'", "USAGE: smelt bench-load"),
        (["bench-load", "extra"], "smelt bench-load: error: unexpected argument 'extra'", "USAGE: smelt bench-load"),
    ])
    func badArguments(args: [String], firstLine: String, usage: String) throws {
        let r = try SmeltProcess.run(args)
        #expect(r.status == 2)
        #expect(r.out.isEmpty)
        #expect(r.errLines.first == firstLine)
        #expect(r.err.contains(usage))
    }
}
