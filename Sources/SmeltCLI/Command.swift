/// One `smelt` subcommand.
///
/// Adding a command = one file under `Commands/` with a type conforming to `Command`, plus one
/// line in `CommandRegistry.all`. Help and usage text are generated from `signature`.
public protocol Command: Sendable {
    /// The word typed after `smelt` (`inspect`).
    var name: String { get }
    /// One line for `smelt --help`.
    var summary: String { get }
    /// Extra paragraphs for `smelt help NAME` (formats, examples); may be empty.
    var discussion: String { get }
    var signature: CommandSignature { get }
    /// Runs the command; returns the exit status (0 on success).
    /// Throws `SmeltError` for runtime failures (exit 1) and `UsageError` for bad arguments (exit 2).
    func run(_ arguments: ParsedArguments, console: Console) throws -> Int32
}

extension Command {
    public var discussion: String { "" }
}
