/// Usage lines and help pages generated from command signatures.
public enum HelpText {
    /// `USAGE: smelt run MODEL --input FILE [--output FILE] [--format FORMAT]`.
    public static func usageLine(_ command: any Command) -> String {
        var parts = ["smelt", command.name]
        for p in command.signature.positionals {
            parts.append(p.isOptional ? "[\(p.name)]" : p.name)
        }
        for o in command.signature.options {
            let body = o.isFlag ? "--\(o.name)" : "--\(o.name) \(o.valueName ?? "VALUE")"
            let shown = o.isRepeatable ? body + " ..." : body
            parts.append(o.isRequired ? shown : "[\(shown)]")
        }
        return "USAGE: " + parts.joined(separator: " ")
    }

    /// The full help page of one command (`smelt help NAME`, `smelt NAME --help`).
    public static func page(_ command: any Command) -> String {
        var lines = ["OVERVIEW: \(command.summary)", "", usageLine(command)]
        let sig = command.signature
        if !sig.positionals.isEmpty {
            lines += ["", "ARGUMENTS:"]
            for p in sig.positionals { lines.append(entry(p.name, p.help)) }
        }
        lines += ["", "OPTIONS:"]
        for o in sig.options {
            var label = o.short.map { "-\($0), " } ?? ""
            label += "--\(o.name)"
            if let v = o.valueName { label += " \(v)" }
            var help = o.help
            if o.isRepeatable { help += " (repeatable)" }
            lines.append(entry(label, help))
        }
        lines.append(entry("-h, --help", "show this help"))
        if !command.discussion.isEmpty {
            lines += ["", command.discussion]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `smelt --help`: the command list.
    public static func overview() -> String {
        var lines = [
            "OVERVIEW: Smelt compiles small neural networks to fixed-point C for microcontrollers.",
            "",
            "USAGE: smelt COMMAND [ARGUMENTS] [OPTIONS]",
            "",
            "COMMANDS:",
        ]
        for c in CommandRegistry.all { lines.append(entry(c.name, c.summary)) }
        lines.append(entry("help", "show help for a command (smelt help COMMAND)"))
        lines += [
            "",
            "OPTIONS:",
            entry("-h, --help", "show this help"),
            entry("--version", "print the version"),
            "",
            "See 'smelt help COMMAND' or 'smelt COMMAND --help' for a command's arguments.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// One help entry: label padded to a column, then the text.
    private static func entry(_ label: String, _ text: String) -> String {
        let width = 24
        let padded = "  " + label
        if padded.count >= width { return padded + "\n" + String(repeating: " ", count: width) + text }
        return padded + String(repeating: " ", count: width - padded.count) + text
    }
}
