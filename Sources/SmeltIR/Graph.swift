/// A model: named tensors and nodes in execution (topological) order.
///
/// Graph inputs and outputs are activation tensors. Constant tensors may be read by any
/// number of nodes; a tensor read by several nodes is *shared* and is stored, counted and
/// emitted once.
public struct Graph: Sendable, Equatable {
    public var name: String
    /// Nodes in execution order; every input is a graph input, a constant or an earlier node's output.
    public var nodes: [Node]
    /// Graph input tensor names (shapes must be known).
    public var inputs: [String]
    /// Graph output tensor names.
    public var outputs: [String]
    /// Free-form metadata carried through the model format (e.g. "task", "classes").
    public var metadata: [String: String]

    private var tensorList: [Tensor]
    private var tensorIndex: [String: Int]

    public init(name: String, tensors: [Tensor] = [], nodes: [Node] = [], inputs: [String] = [], outputs: [String] = [], metadata: [String: String] = [:]) {
        self.name = name
        self.nodes = nodes
        self.inputs = inputs
        self.outputs = outputs
        self.metadata = metadata
        self.tensorList = []
        self.tensorIndex = [:]
        for t in tensors { setTensor(t) }
    }

    /// All tensors in declaration order.
    public var tensors: [Tensor] { tensorList }

    /// The tensor called `name`, if any.
    public func tensor(_ name: String) -> Tensor? {
        tensorIndex[name].map { tensorList[$0] }
    }

    /// The tensor called `name`, or an error naming it.
    public func requireTensor(_ name: String) throws -> Tensor {
        guard let t = tensor(name) else { throw SmeltError("unknown tensor \"\(name)\"") }
        return t
    }

    /// Adds a tensor, or replaces the tensor of the same name in place.
    public mutating func setTensor(_ t: Tensor) {
        if let i = tensorIndex[t.name] {
            tensorList[i] = t
        } else {
            tensorIndex[t.name] = tensorList.count
            tensorList.append(t)
        }
    }

    /// Removes tensors that no node reads or writes and that are not graph inputs/outputs.
    public mutating func removeUnusedTensors() {
        var used = Set(inputs).union(outputs)
        for n in nodes { used.formUnion(n.inputs); used.insert(n.output) }
        let kept = tensorList.filter { used.contains($0.name) }
        tensorList = []
        tensorIndex = [:]
        for t in kept { setTensor(t) }
    }

    /// The node that writes `tensor`, if any.
    public func producer(of tensor: String) -> Node? {
        nodes.first { $0.output == tensor }
    }

    /// Nodes that read `tensor`.
    public func consumers(of tensor: String) -> [Node] {
        nodes.filter { $0.inputs.contains(tensor) }
    }

    /// A node by name.
    public func node(_ name: String) -> Node? {
        nodes.first { $0.name == name }
    }

    /// Constant tensors read by more than one node, with the names of their readers.
    public var sharedTensors: [(tensor: String, readers: [String])] {
        var readers: [String: [String]] = [:]
        for n in nodes {
            for name in Set(n.inputs) where tensor(name)?.isConstant == true {
                readers[name, default: []].append(n.name)
            }
        }
        return tensorList.compactMap { t in
            guard let r = readers[t.name], r.count > 1 else { return nil }
            return (t.name, r)
        }
    }
}
