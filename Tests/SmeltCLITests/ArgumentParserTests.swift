import Testing
@testable import SmeltCLI

@Suite struct ArgumentParserTests {
    let sig = CommandSignature(
        positionals: [.init("MODEL", help: ""), .init("EXTRA", help: "", optional: true)],
        options: [
            .value("input", short: "i", valueName: "FILE", help: "", required: true),
            .value("tag", valueName: "T", help: "", repeatable: true),
            .flag("json", help: ""),
        ]
    )

    @Test func spaceAndEqualsFormsAndFlags() throws {
        let a = try ArgumentParser.parse(["m.json", "--input", "a.csv", "--json"], signature: sig)
        #expect(a.positional("MODEL") == "m.json")
        #expect(a.positional("EXTRA") == nil)
        #expect(a.value("input") == "a.csv")
        #expect(a.flag("json"))
        let b = try ArgumentParser.parse(["--input=x=y.csv", "m.json", "second"], signature: sig)
        #expect(b.value("input") == "x=y.csv")
        #expect(b.positional("EXTRA") == "second")
        #expect(!b.flag("json"))
    }

    @Test func shortAliasRepeatedOptionsAndDoubleDash() throws {
        let a = try ArgumentParser.parse(["-i", "a.csv", "--tag", "x", "--tag=y", "--", "--weird-name.json"], signature: sig)
        #expect(a.value("input") == "a.csv")
        #expect(a.values("tag") == ["x", "y"])
        #expect(a.positional("MODEL") == "--weird-name.json")
    }

    @Test func negativeNumberIsAValue() throws {
        let a = try ArgumentParser.parse(["m", "--input", "-1.5"], signature: sig)
        #expect(a.value("input") == "-1.5")
    }

    @Test func helpAnywhereBeforeDoubleDash() throws {
        #expect(try ArgumentParser.parse(["--bogus", "-h"], signature: sig).wantsHelp)
        #expect(try ArgumentParser.parse(["m", "--help"], signature: sig).wantsHelp)
        #expect(throws: UsageError("unknown option '--bogus'")) {
            try ArgumentParser.parse(["--bogus", "--", "--help"], signature: sig)
        }
    }

    @Test(arguments: [
        (["m", "--input", "a", "--nope"], "unknown option '--nope'"),
        (["m", "--input", "a", "-x"], "unknown option '-x'"),
        (["m"], "missing required option '--input FILE'"),
        (["--input", "a"], "missing argument MODEL"),
        (["m", "--input"], "option '--input' needs a value (FILE)"),
        (["m", "--input", "a", "--input", "b"], "option '--input' given more than once"),
        (["m", "--input", "a", "--json=yes"], "option '--json' takes no value, got 'yes'"),
        (["m", "n", "o", "--input", "a"], "unexpected argument 'o'"),
    ])
    func usageErrors(args: [String], message: String) {
        #expect(throws: UsageError(message)) { try ArgumentParser.parse(args, signature: sig) }
    }

    @Test func integerAndChoiceAccessors() throws {
        let s = CommandSignature(options: [.value("n", valueName: "N", help: ""), .value("f", valueName: "F", help: "")])
        let a = try ArgumentParser.parse(["--n", "42", "--f", "json"], signature: s)
        #expect(try a.integer("n", in: 1...100) == 42)
        #expect(try a.choice("f", of: ["csv", "json"], default: "csv") == "json")
        #expect(try ArgumentParser.parse([], signature: s).choice("f", of: ["csv", "json"], default: "csv") == "csv")
        let bad = try ArgumentParser.parse(["--n", "4x", "--f", "xml"], signature: s)
        #expect(throws: UsageError("--n expects an integer, got '4x'")) { try bad.integer("n") }
        #expect(throws: UsageError("--f must be one of csv, json, got 'xml'")) { try bad.choice("f", of: ["csv", "json"], default: "csv") }
        #expect(throws: UsageError("--n must be between 1 and 10, got 42")) { try a.integer("n", in: 1...10) }
    }
}
