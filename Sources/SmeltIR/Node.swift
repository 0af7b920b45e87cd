/// One operation of the graph, reading tensors by name and writing one tensor.
public struct Node: Sendable, Equatable {
    /// Unique node name, used in every error message about it.
    public var name: String
    public var op: Op
    /// Input tensor names, positional (see `Op`).
    public var inputs: [String]
    /// The tensor this node writes.
    public var output: String

    public init(name: String, op: Op, inputs: [String], output: String) {
        self.name = name
        self.op = op
        self.inputs = inputs
        self.output = output
    }
}
