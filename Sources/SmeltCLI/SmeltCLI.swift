import Foundation
import SmeltIR

/// The `smelt` command line: dispatches to a `Command`, maps errors to exit statuses.
///
/// Exit statuses: 0 success; 1 runtime error (`smelt: error: MESSAGE`, one line on stderr);
/// 2 usage error (one error line, then the usage, on stderr).
public enum SmeltCLI {
    /// The version printed by `smelt --version`.
    public static let version = "0.1.0"

    /// Runs `smelt` with `args` (without the program name) on the process's stdout/stderr.
    public static func main(_ args: [String]) -> Int32 {
        run(args, console: .standard())
    }

    /// Runs `smelt` with `args`, writing to `console`; returns the exit status.
    public static func run(_ args: [String], console: Console) -> Int32 {
        guard let first = args.first else {
            console.writeError("smelt: error: missing command\n\n" + HelpText.overview())
            return 2
        }
        switch first {
        case "-h", "--help":
            console.write(HelpText.overview())
            return 0
        case "--version":
            console.line("smelt \(version)")
            return 0
        case "help":
            return help(Array(args.dropFirst()), console: console)
        default:
            break
        }
        guard let command = CommandRegistry.command(named: first) else {
            let what = first.hasPrefix("-") ? "unknown option '\(first)'" : "unknown command '\(first)'"
            console.writeError("smelt: error: \(what)\n\n" + HelpText.overview())
            return 2
        }
        do {
            let parsed = try ArgumentParser.parse(Array(args.dropFirst()), signature: command.signature)
            if parsed.wantsHelp {
                console.write(HelpText.page(command))
                return 0
            }
            return try command.run(parsed, console: console)
        } catch let e as UsageError {
            console.writeError("smelt \(command.name): error: \(oneLine(e.message))\n\n" + HelpText.usageLine(command) + "\nSee 'smelt help \(command.name)'.\n")
            return 2
        } catch let e as SmeltError {
            console.writeError("smelt: error: \(oneLine(e.message))\n")
            return 1
        } catch {
            console.writeError("smelt: error: \(oneLine(String(describing: error)))\n")
            return 1
        }
    }

    /// `smelt help [COMMAND]`.
    private static func help(_ args: [String], console: Console) -> Int32 {
        guard let name = args.first else {
            console.write(HelpText.overview())
            return 0
        }
        guard args.count == 1, let command = CommandRegistry.command(named: name) else {
            let what = args.count == 1 ? "unknown command '\(name)'" : "help takes one command name"
            console.writeError("smelt: error: \(what)\n\n" + HelpText.overview())
            return 2
        }
        console.write(HelpText.page(command))
        return 0
    }

    /// Collapses a message to one line so every error is exactly one line on stderr.
    static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
