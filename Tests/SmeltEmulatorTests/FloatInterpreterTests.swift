import Testing
import SmeltIR
import SmeltEmulator

/// Whole-graph behaviour: multi-layer runs, shared weights, `runAll`, and error messages.
@Suite struct FloatInterpreterTests {
    /// x [2] → Dense(W1 = [[1, −1], [2, 0]], b1 = [0, −1], ReLU) → h → Dense(W2 = [[1, 1]], b2 = [0.5]) → y.
    static let twoLayer = Graph(
        name: "two-layer",
        tensors: [
            Tensor(name: "x", shape: [2]),
            .constant("w1", shape: [2, 2], values: [1, -1, 2, 0]),
            .constant("b1", shape: [2], values: [0, -1]),
            .constant("w2", shape: [1, 2], values: [1, 1]),
            .constant("b2", shape: [1], values: [0.5]),
        ],
        nodes: [
            Node(name: "fc1", op: .dense(activation: .relu), inputs: ["x", "w1", "b1"], output: "h"),
            Node(name: "fc2", op: .dense(activation: .none), inputs: ["h", "w2", "b2"], output: "y"),
        ],
        inputs: ["x"], outputs: ["y"])

    /// x = [3, 1]: h = relu([2, 5]) = [2, 5], y = 7.5. x = [1, 3]: h = relu([−2, 1]) = [0, 1], y = 1.5.
    @Test func twoLayerEndToEnd() throws {
        let interpreter = try FloatInterpreter(graph: Self.twoLayer)
        expectClose(try interpreter.run([3, 1]), [7.5])
        expectClose(try interpreter.run([1, 3]), [1.5])
        expectClose(try interpreter.run(inputs: ["x": [3, 1]])["y"]!, [7.5])
    }

    /// `runAll` returns the input, every intermediate and every constant by name.
    @Test func runAllReturnsEveryTensor() throws {
        let all = try FloatInterpreter(graph: Self.twoLayer).runAll(inputs: ["x": [1, 3]])
        #expect(Set(all.keys) == ["x", "w1", "b1", "w2", "b2", "h", "y"])
        expectClose(all["x"]!, [1, 3])
        expectClose(all["h"]!, [0, 1])
        expectClose(all["y"]!, [1.5])
        expectClose(all["w1"]!, [1, -1, 2, 0])
    }

    /// A tiny CNN: x 2×2×1 = [1, 2, 3, 4] → Conv 1×1 (weights [1], [−1], bias [0, 5], ReLU)
    /// gives c0 = x and c1 = 5 − x = [4, 3, 2, 1] → MaxPool 2×2 → [4, 4] → Flatten
    /// → Dense [[1, 0], [0, 0.5]] → [4, 2] → Softmax = [e²/(e²+1), 1/(e²+1)] = [0.8807971, 0.1192029].
    @Test func tinyCNNEndToEnd() throws {
        let g = Graph(
            name: "tiny-cnn",
            tensors: [
                Tensor(name: "x", shape: [2, 2, 1]),
                .constant("cw", shape: [2, 1, 1, 1], values: [1, -1]),
                .constant("cb", shape: [2], values: [0, 5]),
                .constant("dw", shape: [2, 2], values: [1, 0, 0, 0.5]),
            ],
            nodes: [
                Node(name: "conv", op: .conv2d(ConvAttributes(stride: 1, activation: .relu)), inputs: ["x", "cw", "cb"], output: "c"),
                Node(name: "pool", op: .maxPool2d(PoolAttributes(size: 2)), inputs: ["c"], output: "p"),
                Node(name: "flat", op: .flatten, inputs: ["p"], output: "f"),
                Node(name: "fc", op: .dense(activation: .none), inputs: ["f", "dw"], output: "logits"),
                Node(name: "softmax", op: .softmax, inputs: ["logits"], output: "probs"),
            ],
            inputs: ["x"], outputs: ["probs"])
        let all = try FloatInterpreter(graph: g).runAll(inputs: ["x": [1, 2, 3, 4]])
        expectClose(all["c"]!, [1, 4, 2, 3, 3, 2, 4, 1])
        expectClose(all["p"]!, [4, 4])
        expectClose(all["logits"]!, [4, 2])
        expectClose(all["probs"]!, [0.8807971, 0.1192029], tolerance: 1e-6)
    }

    /// One weight W = [[1, 2], [0, 1]] read by two Dense nodes: x = [1, 1] → h = W·x = [3, 1]
    /// → y = W·h + [0, 1] = [3 + 2, 1] + [0, 1] = [5, 2].
    @Test func sharedWeightReadByTwoNodes() throws {
        let g = Graph(
            name: "shared",
            tensors: [
                Tensor(name: "x", shape: [2]),
                .constant("w", shape: [2, 2], values: [1, 2, 0, 1]),
                .constant("b", shape: [2], values: [0, 1]),
            ],
            nodes: [
                Node(name: "fc1", op: .dense(activation: .none), inputs: ["x", "w"], output: "h"),
                Node(name: "fc2", op: .dense(activation: .none), inputs: ["h", "w", "b"], output: "y"),
            ],
            inputs: ["x"], outputs: ["y"])
        #expect(g.sharedTensors.map(\.tensor) == ["w"])
        let all = try FloatInterpreter(graph: g).runAll(inputs: ["x": [1, 1]])
        expectClose(all["h"]!, [3, 1])
        expectClose(all["y"]!, [5, 2])
    }

    /// Two inputs and two outputs: s = a + b, p = relu(s) on a = [1, −3], b = [1, 1] → s = [2, −2], p = [2, 0].
    @Test func multipleInputsAndOutputs() throws {
        let g = Graph(
            name: "two-io",
            tensors: [Tensor(name: "a", shape: [2]), Tensor(name: "b", shape: [2])],
            nodes: [
                Node(name: "add", op: .add(activation: .none), inputs: ["a", "b"], output: "s"),
                Node(name: "relu", op: .relu, inputs: ["s"], output: "p"),
            ],
            inputs: ["a", "b"], outputs: ["s", "p"])
        let interpreter = try FloatInterpreter(graph: g)
        let out = try interpreter.run(inputs: ["a": [1, -3], "b": [1, 1]])
        #expect(Set(out.keys) == ["s", "p"])
        expectClose(out["s"]!, [2, -2])
        expectClose(out["p"]!, [2, 0])
        let error = #expect(throws: SmeltError.self) { try interpreter.run([1, 2]) }
        #expect(error?.message.contains("run(inputs:)") == true)
        let missing = #expect(throws: SmeltError.self) { try interpreter.run(inputs: ["a": [1, 2]]) }
        #expect(missing?.message == "graph input \"b\" was not given")
    }

    @Test func wrongInputLengthNamesTensorAndCounts() throws {
        let interpreter = try FloatInterpreter(graph: Self.twoLayer)
        let error = #expect(throws: SmeltError.self) { try interpreter.run([1, 2, 3]) }
        #expect(error?.message == "input \"x\": expected 2 values for shape [2], got 3")
    }

    @Test func unknownInputNameIsRejected() throws {
        let interpreter = try FloatInterpreter(graph: Self.twoLayer)
        let error = #expect(throws: SmeltError.self) { try interpreter.run(inputs: ["x": [1, 2], "z": [0]]) }
        #expect(error?.message.contains("\"z\" is not an input") == true)
    }

    /// An int8 activation (here the graph input read by ReLU) is not a float graph.
    @Test func integerActivationIsRejected() throws {
        let g = Graph(name: "int", tensors: [Tensor(name: "x", shape: [2], dtype: .int8)],
                      nodes: [Node(name: "r", op: .relu, inputs: ["x"], output: "y")],
                      inputs: ["x"], outputs: ["y"])
        let error = #expect(throws: SmeltError.self) { try FloatInterpreter(graph: g) }
        #expect(error?.message.contains("int8") == true)
        #expect(error?.message.contains("\"y\"") == true)
    }

    /// An int8 weight in an otherwise float graph is rejected, naming the tensor.
    @Test func integerWeightIsRejected() throws {
        let g = Graph(name: "intw",
                      tensors: [Tensor(name: "x", shape: [2]),
                                Tensor(name: "w", shape: [1, 2], dtype: .int8, data: .int8([1, 2]))],
                      nodes: [Node(name: "fc", op: .dense(activation: .none), inputs: ["x", "w"], output: "y")],
                      inputs: ["x"], outputs: ["y"])
        let error = #expect(throws: SmeltError.self) { try FloatInterpreter(graph: g) }
        #expect(error?.message.hasPrefix("tensor \"w\"") == true)
    }

    /// Verification errors surface from `init` (here a Dense fed 3 features for a [1, 2] weight).
    @Test func invalidGraphIsRejected() throws {
        var g = Self.twoLayer
        g.setTensor(Tensor(name: "x", shape: [3]))
        #expect(throws: SmeltError.self) { try FloatInterpreter(graph: g) }
    }
}
