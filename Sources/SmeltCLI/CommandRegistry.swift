/// Every subcommand `smelt` knows, in the order `smelt --help` lists them.
public enum CommandRegistry {
    /// Grouped as a user meets them: model work, targets, learning, fleets, then the benchmark helpers.
    public static let all: [any Command] = [
        InspectCommand(),
        RunCommand(),
        CompileCommand(),
        DiffCommand(),
        ImportCommand(),
        ShareCommand(),
        TrainCommand(),
        BuildCommand(),
        BenchCommand(),
        BenchmarksCommand(),
        PresenceCommand(),
        FederateCommand(),
        CoordinatorCommand(),
        DeviceCommand(),
        CatalogCommand(),
        BenchLoadCommand(),
        FederateBenchCommand(),
        BenchShareCommand(),
    ]

    /// The command called `name`, if any.
    public static func command(named name: String) -> (any Command)? {
        all.first { $0.name == name }
    }
}
