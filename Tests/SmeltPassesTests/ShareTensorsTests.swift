import Testing
import SmeltIR
import SmeltEmulator
import SmeltPasses

/// `shareExactTensors` and `shareIsomorphicKernels`.
@Suite struct ShareTensorsTests {
    /// x [2] → a: Dense(aw, ab) → b: Dense(bw, bb) → y, with aw == bw and ab == bb by value.
    static func twoDense(_ aw: [Float], _ bw: [Float], prefix: (String, String) = ("s.a", "s.b")) -> Graph {
        Graph(name: "two",
              tensors: [Tensor(name: "x", shape: [2]),
                        .constant("aw", shape: [2, 2], values: aw), .constant("ab", shape: [2], values: [0.5, -0.5]),
                        .constant("bw", shape: [2, 2], values: bw), .constant("bb", shape: [2], values: [0.5, -0.5])],
              nodes: [Node(name: prefix.0, op: .dense(activation: .relu), inputs: ["x", "aw", "ab"], output: "h"),
                      Node(name: prefix.1, op: .dense(activation: .none), inputs: ["h", "bw", "bb"], output: "y")],
              inputs: ["x"], outputs: ["y"])
    }

    @Test func exactTiesIdenticalTensors() throws {
        let g = Self.twoDense([1, 2, 3, 4], [1, 2, 3, 4])
        let s = try shareExactTensors(g)
        #expect(s.node("s.b")!.inputs == ["h", "aw", "ab"])
        #expect(s.tensor("bw") == nil && s.tensor("bb") == nil)
        #expect(s.sharedTensors.map(\.tensor) == ["aw", "ab"])
        #expect(GraphStatistics(s).totalParameters == 6)
        let x: [Float] = [0.3, -1.2]
        #expect(try FloatInterpreter(graph: s).run(x) == FloatInterpreter(graph: g).run(x))
    }

    @Test func exactLeavesDifferentTensorsAlone() throws {
        let g = Self.twoDense([1, 2, 3, 4], [1, 2, 3, 5])
        let s = try shareExactTensors(g)
        #expect(s.sharedTensors.map(\.tensor) == ["ab"])
        #expect(s.tensor("bw") != nil)
    }

    @Test func isomorphicAveragesKernels() throws {
        let s = try shareIsomorphicKernels(Self.twoDense([1, 3, 5, 7], [3, 5, 7, 9]))
        #expect(s.node("s.a")!.inputs == ["x", "model.shared1.weight", "model.shared1.bias"])
        #expect(s.node("s.b")!.inputs == ["h", "model.shared1.weight", "model.shared1.bias"])
        #expect(s.tensor("model.shared1.weight")!.data!.floats! == [2, 4, 6, 8])
        #expect(GraphStatistics(s).totalParameters == 6)
    }

    @Test func stagesKeepGroupsApart() throws {
        let g = Self.twoDense([1, 3, 5, 7], [3, 5, 7, 9], prefix: ("one.a", "two.b"))
        #expect(try shareIsomorphicKernels(g, options: IsomorphicSharing(stages: ["one", "two"])).sharedTensors.isEmpty)
        #expect(try shareIsomorphicKernels(g, options: IsomorphicSharing(stages: ["one"])).sharedTensors.isEmpty)
        let all = try shareIsomorphicKernels(g)
        #expect(all.sharedTensors.map(\.tensor) == ["model.shared1.weight", "model.shared1.bias"])
        #expect(IsomorphicSharing.stage(of: "mixer.b3.dw") == "mixer")
        #expect(IsomorphicSharing.stage(of: "stage2/conv1") == "stage2")
    }

    /// An unshared ConvMixer becomes the shared one: one depthwise and one pointwise group in
    /// stage "mixer"; the stem conv (different shape) stays alone.
    @Test func convMixerGroups() throws {
        let g = try ConvMixerModel.graph(input: [8, 8, 1], width: 8, blocks: 4, classes: 10, shared: false)
        let s = try shareIsomorphicKernels(g, options: IsomorphicSharing(stages: ["mixer"]))
        #expect(s.sharedTensors.map(\.tensor) == ["mixer.shared1.weight", "mixer.shared1.bias", "mixer.shared2.weight", "mixer.shared2.bias"])
        #expect(s.sharedTensors.allSatisfy { $0.readers.count == 4 })
        let shared = try ConvMixerModel.graph(input: [8, 8, 1], width: 8, blocks: 4, classes: 10, shared: true)
        #expect(GraphStatistics(s).totalParameters == GraphStatistics(shared).totalParameters)
    }
}
