/// What a command accepts: positional arguments and `--options`.
///
/// The parser is deliberately small: long options (`--name value`, `--name=value`), boolean
/// flags (`--json`), repeated options (every occurrence is kept), an optional one-letter alias
/// (`-o value`), positionals in order, and `--` to end option parsing. `-h`/`--help` is
/// accepted by every command and never needs declaring.
public struct CommandSignature: Sendable {
    /// A positional argument, e.g. `MODEL`.
    public struct Positional: Sendable {
        public var name: String
        public var help: String
        public var isOptional: Bool
        public init(_ name: String, help: String, optional: Bool = false) {
            self.name = name
            self.help = help
            self.isOptional = optional
        }
    }

    /// An `--option` that takes a value, or a boolean `--flag`.
    public struct Option: Sendable {
        /// Long name without dashes (`input` for `--input`).
        public var name: String
        /// Optional one-letter alias (`i` for `-i`).
        public var short: Character?
        /// Placeholder shown in help (`FILE`); `nil` for a boolean flag.
        public var valueName: String?
        public var help: String
        public var isRequired: Bool
        public var isRepeatable: Bool

        /// An option that takes a value.
        public static func value(_ name: String, short: Character? = nil, valueName: String, help: String, required: Bool = false, repeatable: Bool = false) -> Option {
            Option(name: name, short: short, valueName: valueName, help: help, isRequired: required, isRepeatable: repeatable)
        }

        /// A boolean flag: present or absent.
        public static func flag(_ name: String, short: Character? = nil, help: String) -> Option {
            Option(name: name, short: short, valueName: nil, help: help, isRequired: false, isRepeatable: false)
        }

        /// Whether the option is a boolean flag.
        public var isFlag: Bool { valueName == nil }
    }

    public var positionals: [Positional]
    public var options: [Option]

    public init(positionals: [Positional] = [], options: [Option] = []) {
        self.positionals = positionals
        self.options = options
    }

    /// The option called `name` (long form), if declared.
    func option(named name: String) -> Option? { options.first { $0.name == name } }

    /// The option with one-letter alias `c`, if declared.
    func option(short c: Character) -> Option? { options.first { $0.short == c } }
}

/// A wrong command line: unknown command or option, missing or surplus argument.
/// Printed as one line followed by the usage, exit status 2.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The result of parsing a command line against a `CommandSignature`.
public struct ParsedArguments: Sendable, Equatable {
    /// Positional values by declared name.
    public var positionals: [String: String] = [:]
    /// Option values by long name, in command-line order (flags hold no values).
    public var optionValues: [String: [String]] = [:]
    /// Boolean flags that were given.
    public var flags: Set<String> = []
    /// Whether `-h`/`--help` was given.
    public var wantsHelp = false

    public init() {}

    /// The positional argument `name`, if given.
    public func positional(_ name: String) -> String? { positionals[name] }

    /// The last value of option `name`, if given.
    public func value(_ name: String) -> String? { optionValues[name]?.last }

    /// Every value of a repeatable option, in order.
    public func values(_ name: String) -> [String] { optionValues[name] ?? [] }

    /// Whether boolean flag `name` was given.
    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// Option `name` as an integer in `range`, or `nil` when absent.
    /// `--parameters abc` → `UsageError("--parameters expects an integer, got 'abc'")`.
    public func integer(_ name: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(UsageError) -> Int? {
        guard let s = value(name) else { return nil }
        guard let v = Int(s) else { throw UsageError("--\(name) expects an integer, got '\(s)'") }
        guard range.contains(v) else {
            throw UsageError("--\(name) must be between \(range.lowerBound) and \(range.upperBound), got \(v)")
        }
        return v
    }

    /// Option `name` restricted to one of `choices`, or `defaultValue` when absent.
    public func choice(_ name: String, of choices: [String], default defaultValue: String) throws(UsageError) -> String {
        guard let s = value(name) else { return defaultValue }
        guard choices.contains(s) else {
            throw UsageError("--\(name) must be one of \(choices.joined(separator: ", ")), got '\(s)'")
        }
        return s
    }
}

/// Parses one command's arguments (everything after the command name).
public enum ArgumentParser {
    /// Parses `args` against `signature`.
    ///
    /// `["m.json", "--input=x.csv", "--json"]` with positional MODEL, option `input` and flag `json`
    /// gives `positional("MODEL") == "m.json"`, `value("input") == "x.csv"`, `flag("json") == true`.
    /// When `-h`/`--help` appears anywhere, parsing stops and `wantsHelp` is set.
    public static func parse(_ args: [String], signature: CommandSignature) throws(UsageError) -> ParsedArguments {
        var result = ParsedArguments()
        if args.prefix(while: { $0 != "--" }).contains(where: { $0 == "-h" || $0 == "--help" }) {
            result.wantsHelp = true
            return result
        }
        var positionals: [String] = []
        var i = 0
        var optionsEnded = false
        while i < args.count {
            let arg = args[i]
            i += 1
            if optionsEnded || arg == "-" || !arg.hasPrefix("-") || isNegativeNumber(arg) {
                positionals.append(arg)
                continue
            }
            if arg == "--" { optionsEnded = true; continue }
            let option: CommandSignature.Option
            var inlineValue: String?
            if arg.hasPrefix("--") {
                let body = arg.dropFirst(2)
                let name: Substring
                if let eq = body.firstIndex(of: "=") {
                    name = body[..<eq]
                    inlineValue = String(body[body.index(after: eq)...])
                } else {
                    name = body
                }
                guard let o = signature.option(named: String(name)) else { throw UsageError("unknown option '--\(name)'") }
                option = o
            } else {
                let letters = arg.dropFirst()
                guard letters.count == 1, let c = letters.first, let o = signature.option(short: c) else {
                    throw UsageError("unknown option '\(arg)'")
                }
                option = o
            }
            if option.isFlag {
                if let v = inlineValue { throw UsageError("option '--\(option.name)' takes no value, got '\(v)'") }
                result.flags.insert(option.name)
                continue
            }
            let value: String
            if let v = inlineValue {
                value = v
            } else {
                guard i < args.count else { throw UsageError("option '--\(option.name)' needs a value (\(option.valueName ?? "VALUE"))") }
                value = args[i]
                i += 1
            }
            if !option.isRepeatable, result.optionValues[option.name] != nil {
                throw UsageError("option '--\(option.name)' given more than once")
            }
            result.optionValues[option.name, default: []].append(value)
        }
        for option in signature.options where option.isRequired && result.optionValues[option.name] == nil {
            throw UsageError("missing required option '--\(option.name) \(option.valueName ?? "")'")
        }
        guard positionals.count <= signature.positionals.count else {
            throw UsageError("unexpected argument '\(positionals[signature.positionals.count])'")
        }
        for (k, p) in signature.positionals.enumerated() {
            if k < positionals.count {
                result.positionals[p.name] = positionals[k]
            } else if !p.isOptional {
                throw UsageError("missing argument \(p.name)")
            }
        }
        return result
    }

    /// `-1`, `-0.5`: values, not options.
    private static func isNegativeNumber(_ s: String) -> Bool {
        s.count > 1 && Double(s) != nil
    }
}
