import Testing
@testable import SmeltIR

@Suite("Graph statistics")
struct GraphStatisticsTests {
    @Test func perNodeFiguresOfASmallConvNet() throws {
        var b = GraphBuilder(name: "s", input: [5, 5, 2])
        // Conv 3×3 stride 2 same: out 3×3×4; params 4·3·3·2 + 4 = 76; MACs 3·3·4·3·3·2 = 648.
        let c = b.conv2d(b.input, filters: 4, kernel: (3, 3), stride: 2, padding: .same, name: "c")
        // Depthwise 2×2 valid: out 2×2×4; params 1·2·2·4 + 4 = 20; MACs 2·2·4·2·2 = 64.
        let d = b.depthwiseConv2d(c, kernel: (2, 2), name: "d")
        let p = b.maxPool2d(d, size: 2, name: "p")
        let f = b.flatten(p, name: "f")
        // Dense 4→3 without bias: params 12, MACs 12.
        let y = b.dense(f, units: 3, bias: false, name: "y")
        let s = GraphStatistics(try b.finish(outputs: [y]))
        #expect(s.nodes.map(\.name) == ["c", "d", "p", "f", "y"])
        #expect(s.nodes.map(\.outputShape) == [[3, 3, 4], [2, 2, 4], [1, 1, 4], [4], [3]])
        #expect(s.nodes.map(\.parameters) == [76, 20, 0, 0, 12])
        #expect(s.nodes.map(\.macs) == [648, 64, 0, 0, 12])
        #expect(s.nodes.map(\.activationBytes) == [144, 64, 16, 16, 12])
        #expect(s.totalParameters == 108)
        #expect(s.totalMACs == 724)
        #expect(s.totalActivationBytes == 252)
        #expect(s.totalWeightBytes == 432)
    }

    @Test func weightBytesAreCountedByDType() throws {
        let g = Graph(name: "q",
                      tensors: [Tensor(name: "x", shape: [3], dtype: .int8),
                                Tensor(name: "w", shape: [2, 3], dtype: .int8, data: .int8([1, 2, 3, 4, 5, 6])),
                                Tensor(name: "b", shape: [2], dtype: .int32, data: .int32([7, 8])),
                                Tensor(name: "unused", shape: [100], dtype: .int8, data: .int8(Array(repeating: 0, count: 100)))],
                      nodes: [Node(name: "fc", op: .dense(activation: .none), inputs: ["x", "w", "b"], output: "y"),
                              Node(name: "fc2", op: .dense(activation: .none), inputs: ["y", "w2", "b"], output: "z")],
                      inputs: ["x"], outputs: ["y"])
        // fc2 reads an undeclared tensor: verification fails and the given tensors are used.
        let s = GraphStatistics(g)
        #expect(s.weightBytesByDType == [.int8: 6, .int32: 8])
        #expect(s.totalWeightBytes == 14)
        // "b" is read by both nodes but counted once; "unused" is read by nobody.
        #expect(s.totalParameters == 8)
        #expect(s.nodes.map(\.parameters) == [8, 2])
        #expect(s.sharedTensorCount == 1)
        #expect(s.nodes[0].activationBytes == 0)   // "y" was never declared
    }

    @Test func reportListsEveryNodeAndTheTotals() throws {
        var b = GraphBuilder(name: "r", input: [1])
        let y = b.dense(b.input, units: 16, activation: .relu)
        let s = GraphStatistics(try b.finish(outputs: [y]))
        let lines = s.report.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("dense1"))
        #expect(lines[1].contains("Dense") && lines[1].contains("[16]") && lines[1].hasSuffix("32          16         64"))
        #expect(lines[2] == "total parameters 32 (distinct tensors; 0 shared), buffers 0")
        #expect(lines[3] == "total MACs 16, activation bytes 64, weight bytes 128 (float32 128)")
    }
}
