import Testing
@testable import SmeltIR

@Suite("Graph builder")
struct GraphBuilderTests {
    @Test func splitMix64MatchesTheReferenceSequence() {
        var r = SplitMix64(seed: 0)
        #expect(r.next() == 0xE220_A839_7B1D_CDAF)
        #expect(r.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(r.next() == 0x06C4_5D18_8009_454F)
        // nextFloat(limit:) uses the top 24 bits: 0xE220A8 = 14819496 → (14819496 / 2^23 − 1) · 2.
        var s = SplitMix64(seed: 0)
        #expect(s.nextFloat(limit: 2) == (Float(14_819_496) / 8_388_608 - 1) * 2)
    }

    @Test func sineModelShapesNamesAndInit() throws {
        var b = GraphBuilder(name: "sine", input: [1])
        var x = b.input
        x = b.dense(x, units: 16, activation: .relu)
        #expect(b.shape(of: x) == [16])
        x = b.dense(x, units: 16, activation: .relu)
        x = b.dense(x, units: 1)
        let g = try b.finish(outputs: [x])
        #expect(g.nodes.map(\.name) == ["dense1", "dense2", "dense3"])
        #expect(g.tensors.filter(\.isConstant).map(\.name)
            == ["dense1.weight", "dense1.bias", "dense2.weight", "dense2.bias", "dense3.weight", "dense3.bias"])
        #expect(g.outputs == ["dense3"])
        // He uniform for fused ReLU: |w| < √(6/1) for dense1; Glorot for dense3: √(6/17).
        let w1 = g.tensor("dense1.weight")!.data!.floats!
        #expect(w1.allSatisfy { abs($0) <= Float(6).squareRoot() } && Set(w1).count == 16)
        #expect(g.tensor("dense3.weight")!.data!.floats!.allSatisfy { abs($0) <= (Float(6) / 17).squareRoot() })
        #expect(g.tensor("dense2.bias")!.data!.floats! == Array(repeating: 0, count: 16))
        // Same seed → same weights; another seed → different ones.
        var c = GraphBuilder(name: "sine", input: [1])
        let y = c.dense(c.input, units: 16, activation: .relu)
        #expect(try c.finish(outputs: [y]).tensor("dense1.weight") == g.tensor("dense1.weight"))
        var d = GraphBuilder(name: "sine", input: [1], seed: 1)
        let z = d.dense(d.input, units: 16, activation: .relu)
        #expect(try d.finish(outputs: [z]).tensor("dense1.weight") != g.tensor("dense1.weight"))
    }

    @Test func explicitValuesAndNames() throws {
        var b = GraphBuilder(name: "e", input: [2], inputName: "x")
        let y = b.dense("x", units: 1, weightValues: [3, 4], biasValues: [-1], name: "fc")
        let g = try b.finish(outputs: [y])
        #expect(g.tensor("fc.weight")?.data == .float32([3, 4]))
        #expect(g.tensor("fc.bias")?.data == .float32([-1]))
        #expect(g.nodes == [Node(name: "fc", op: .dense(activation: .none), inputs: ["x", "fc.weight", "fc.bias"], output: "fc")])
    }

    @Test func sharingReadsOneTensor() throws {
        var b = GraphBuilder(name: "s", input: [6, 6, 4])
        var x = b.conv2d(b.input, filters: 4, kernel: (1, 1), sharing: "pw")
        x = b.conv2d(x, filters: 4, kernel: (1, 1), activation: .relu, sharing: "pw")
        x = b.depthwiseConv2d(x, kernel: (3, 3), padding: .same, sharing: "dw")
        x = b.depthwiseConv2d(x, kernel: (3, 3), padding: .same, sharing: "dw")
        let g = try b.finish(outputs: [x])
        #expect(g.nodes.map(\.inputs) == [["input", "pw.weight", "pw.bias"], ["conv1", "pw.weight", "pw.bias"],
                                          ["conv2", "dw.weight", "dw.bias"], ["dwconv1", "dw.weight", "dw.bias"]])
        #expect(g.tensors.filter(\.isConstant).count == 4)
        #expect(GraphStatistics(g).totalParameters == 4 * 4 + 4 + 9 * 4 + 4)
    }

    @Test func sharingWithAnotherShapeIsAnError() {
        var b = GraphBuilder(name: "s", input: [6, 6, 4])
        let x = b.conv2d(b.input, filters: 8, kernel: (1, 1), sharing: "pw")
        let y = b.conv2d(x, filters: 8, kernel: (1, 1), sharing: "pw")
        #expect(Fixtures.message { try b.finish(outputs: [y]) }
            == "node \"conv2\": shared weight \"pw.weight\" has shape [8, 1, 1, 4], this layer needs [8, 1, 1, 8]")
    }

    @Test func firstMistakeIsReportedByFinish() {
        var b = GraphBuilder(name: "m", input: [4, 4, 3])
        let a = b.conv2d(b.input, filters: 8, kernel: (3, 3))      // → [2, 2, 8]
        let c = b.add(a, b.input)                                 // shape mismatch
        let y = b.flatten(c)
        #expect(Fixtures.message { try b.finish(outputs: [y]) } == "node \"add1\": operands have shapes [2, 2, 8] and [4, 4, 3]")
        var d = GraphBuilder(name: "m", input: [4])
        let r = d.relu(d.input, name: "input")
        #expect(Fixtures.message { try d.finish(outputs: [r]) } == "node name \"input\" is already used")
        var e = GraphBuilder(name: "m", input: [4])
        let s = e.relu("missing")
        #expect(Fixtures.message { try e.finish(outputs: [s]) } == "node \"relu1\": input \"missing\" is not defined")
        var f = GraphBuilder(name: "m", input: [2])
        let t = f.dense(f.input, units: 1, weightValues: [1])
        #expect(Fixtures.message { try f.finish(outputs: [t]) } == "node \"dense1\": 1 weight values given, shape [1, 2] needs 2")
    }

    @Test func everyOpIsReachable() throws {
        let g = try Fixtures.everyOpGraph()
        #expect(Set(g.nodes.map(\.op.kind)) == Set(OpKind.allCases))
        #expect(g.tensor(g.outputs[0])?.dtype == .float32)
        let q = g.nodes.first { $0.op == .quantize }!
        #expect(g.tensor(q.output)?.quant == QuantParams(scale: 1.0 / 256, zeroPoint: -128))
        #expect(g.tensor("reshape1")?.shape == [2, 4])
        #expect(g.tensor("concat1")?.shape == [4, 4, 8])
        #expect(g.metadata == ["task": "classification", "classes": "a,b,c"])
    }

    @Test func lowLevelNodeAndConstants() throws {
        var b = GraphBuilder(name: "l", input: [5, 5, 1])
        let w = b.constant("k", shape: [1, 3, 1, 1], values: [1, 2, 1])
        let y = b.node(.conv2d(ConvAttributes(strideH: 2, strideW: 1, padding: .valid)), inputs: [b.input, w])
        let g = try b.finish(outputs: [y])
        #expect(g.tensor(y)?.shape == [2, 5, 1])
        #expect(y == "conv1")
    }
}
