/// Every subcommand `smelt` knows, in the order `smelt --help` lists them.
public enum CommandRegistry {
    /// Later features add their command here (`compile`, `diff`, `build`, `bench`, `train`, ...).
    public static let all: [any Command] = [
        InspectCommand(),
        RunCommand(),
        BenchLoadCommand(),
        CompileCommand(),
        DiffCommand(),
        BuildCommand(),
        BenchCommand(),
        BenchmarksCommand(),
        TrainCommand(),
        PresenceCommand(),
        CatalogCommand(),
        ImportCommand(),
        FederateCommand(),
        FederateBenchCommand(),
        ShareCommand(),
        BenchShareCommand(),
        CoordinatorCommand(),
        DeviceCommand(),
    ]

    /// The command called `name`, if any.
    public static func command(named name: String) -> (any Command)? {
        all.first { $0.name == name }
    }
}
