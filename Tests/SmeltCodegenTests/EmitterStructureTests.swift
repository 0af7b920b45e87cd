import Foundation
import Testing
import SmeltIR
import SmeltQuant
@testable import SmeltCodegen

@Suite("Emitted C structure")
struct EmitterStructureTests {
    /// The package root, found from this file's path (Tests/SmeltCodegenTests/<file>).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// x [6,6,2] → conv → depthwise → maxpool → flatten → dense → softmax.
    static func smallCNN(scheme: TestScheme = .s8) throws -> Graph {
        var b = QuantGraphBuilder(scheme: scheme, seed: 11)
        let x = b.input([6, 6, 2])
        let c = try b.layer("conv1", .conv2d(ConvAttributes(padding: .same, activation: .relu)), x, outChannels: 4, kernel: (3, 3))
        let d = try b.layer("dw1", .depthwiseConv2d(ConvAttributes(padding: .same)), c, outChannels: 4, kernel: (3, 3))
        let p = try b.node("pool", .maxPool2d(PoolAttributes(size: 2)), [d], quant: b.quants[d]!)
        let f = try b.node("flat", .flatten, [p], quant: b.quants[p]!)
        let fc = try b.layer("fc", .dense(activation: .none), f, outChannels: 10)
        return b.graph(output: fc)
    }

    /// Every identifier-like token of a C text outside comments.
    static func tokens(_ s: String) -> Set<String> {
        var code = ""
        var rest = Substring(s)
        while let open = rest.range(of: "/*") {
            code += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "*/") else { break }
            rest = rest[close.upperBound...]
        }
        code += rest
        return Set(code.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
    }

    @Test("no float, double, malloc or libm in the generated C")
    func noFloat() throws {
        for scheme in TestScheme.allCases {
            let c = try CEmitter.emit(graph: Self.smallCNN(scheme: scheme), name: "cnn", options: EmitOptions(singleHeader: true))
            for text in [c.header, c.source, c.singleHeader!] {
                let t = Self.tokens(text)
                let used = ["float", "double", "malloc", "free", "calloc", "exp", "expf", "tanh", "math"].filter(t.contains)
                #expect(used.isEmpty, "\(scheme): generated C uses \(used)")
                #expect(t.contains("cnn_invoke") && t.contains("define"))   // the tokenizer sees code
                #expect(!text.contains("<math.h>") && !text.contains("<stdlib.h>"))
            }
        }
    }

    @Test("pasted kernel text equals the files on disk, and only used kernels are pasted")
    func kernelTextFromDisk() throws {
        let c = try CEmitter.emit(graph: Self.smallCNN(), name: "cnn")
        let kernels = Self.packageRoot.appendingPathComponent("Codegen/Kernels")
        var pasted: [String] = []
        var rest = Substring(c.source)
        while let begin = rest.range(of: "/* ---- begin kernel file ") {
            let nameEnd = rest[begin.upperBound...].range(of: " ---- */\n")!
            let name = String(rest[begin.upperBound..<nameEnd.lowerBound])
            let end = rest.range(of: SourceWriter.kernelEnd(name))!
            let text = String(rest[nameEnd.upperBound..<end.lowerBound])
            let disk = try String(contentsOf: kernels.appendingPathComponent(name), encoding: .utf8)
            #expect(text == disk, "\(name) differs from Codegen/Kernels/\(name)")
            pasted.append(name)
            rest = rest[end.upperBound...]
        }
        #expect(pasted == ["smelt_fixedpoint.h", "smelt_simd.h", "smelt_kernels.h", "smelt_conv2d_s8.c", "smelt_depthwise_s8.c",
                           "smelt_pool_s8.c", "smelt_dense_s8.c"])
        // Every kernel file on disk is also what the bundle serves.
        for file in try KernelLibrary.allFiles() {
            #expect(try KernelLibrary.text(of: file) == String(contentsOf: kernels.appendingPathComponent(file), encoding: .utf8))
        }
    }

    @Test("header follows the generated-C contract")
    func headerContract() throws {
        let g = try Self.smallCNN()
        let c = try CEmitter.emit(graph: g, name: "Tiny Net")
        #expect(c.name == "tiny_net")
        let q = g.tensor("x")!.quant!
        let (m, s) = FixedPoint.quantizeMultiplier(Double(q.scales[0]))
        for line in ["#define TINY_NET_INPUT_SIZE 72 ", "#define TINY_NET_OUTPUT_SIZE 10 ",
                     "#define TINY_NET_ARENA_BYTES \(c.report.arenaBytes) ",
                     "#define TINY_NET_INPUT_ZERO_POINT (\(q.zeroPoints[0]))",
                     "#define TINY_NET_INPUT_SCALE_MULTIPLIER \(m) ", "#define TINY_NET_INPUT_SCALE_SHIFT (\(s))",
                     "typedef int8_t tiny_net_io_t;", "int tiny_net_invoke(const tiny_net_io_t *input, tiny_net_io_t *output);"] {
            #expect(c.header.contains(line), "missing: \(line)")
        }
        #expect(c.source.contains("#define SMELT_LAYER_BEGIN(i) ((void)0)"))
        for i in 0..<5 {
            #expect(c.source.contains("SMELT_LAYER_BEGIN(\(i));") && c.source.contains("SMELT_LAYER_END(\(i));"))
        }
        #expect(c.source.contains("/* ---- layer 1: node \"dw1\" (DepthwiseConv2D)"))
        let s16 = try CEmitter.emit(graph: Self.smallCNN(scheme: .s16), name: "w")
        #expect(s16.header.contains("typedef int16_t w_io_t;"))
    }

    @Test("a constant read by several layers is emitted once")
    func sharedWeightsOnce() throws {
        var b = QuantGraphBuilder(scheme: .s8, seed: 5)
        let x = b.input([4, 4, 3])
        let c1 = try b.layer("c1", .conv2d(ConvAttributes(padding: .same)), x, outChannels: 3, kernel: (3, 3))
        // c2 reuses c1's weight and bias tensors.
        let q = b.quants[c1]!
        b.nodes.append(Node(name: "c2", op: .conv2d(ConvAttributes(padding: .same)), inputs: [c1, "c1_w", "c1_b"], output: "c2_out"))
        _ = b.activation("c2_out", shape: [4, 4, 3], quant: q)
        let c = try CEmitter.emit(graph: b.graph(output: "c2_out"), name: "shared")
        #expect(c.source.components(separatedBy: "static const int8_t shared_c1_w[").count == 2)
        #expect(c.source.components(separatedBy: "shared_c1_w,").count == 3)   // two calls read it
        #expect(c.report.weightBytes == 81 + 12)
        #expect(c.report.layers.map(\.weightBytes) == [93, 93])
    }

    @Test("report: shapes, MACs, bytes, offsets")
    func report() throws {
        let c = try CEmitter.emit(graph: Self.smallCNN(), name: "cnn")
        let r = c.report
        #expect(r.layers.map(\.name) == ["conv1", "dw1", "pool", "flat", "fc"])
        #expect(r.layers.map(\.outputShape) == [[6, 6, 4], [6, 6, 4], [3, 3, 4], [36], [10]])
        #expect(r.layers.map(\.macs) == [6 * 6 * 4 * 9 * 2, 6 * 6 * 4 * 9, 0, 0, 360])
        #expect(r.layers.map(\.weightBytes) == [72 + 16, 36 + 16, 0, 0, 360 + 40])
        #expect(r.layers.map(\.activationBytes) == [144, 144, 36, 36, 10])
        #expect(r.layers[4].arenaOffset == nil)
        #expect(r.layers[3].arenaOffset == r.layers[2].arenaOffset)   // flatten aliases the pool output
        #expect(r.arenaBytes == 288)   // conv1 and dw1 outputs live together
        #expect(r.weightBytes == 88 + 52 + 400)
        #expect(r.flashBytes == r.weightBytes + r.tableBytes + r.paramBytes)
        #expect(r.description.contains("conv1"))
    }

    @Test("ops and dtypes the generator cannot handle name the node")
    func errors() throws {
        var b = QuantGraphBuilder(scheme: .s8, seed: 1)
        let x = b.input([8])
        let fc = try b.layer("fc", .dense(activation: .none), x, outChannels: 4)
        var g = b.graph(output: fc)
        var w = g.tensor("fc_w")!
        w.data = .int16(Array(repeating: 1, count: 32))
        w.dtype = .int16
        g.setTensor(w)
        #expect(throws: SmeltError.node("fc", "weight \"fc_w\" must be int8 with quantization parameters, is int16")) {
            try CEmitter.emit(graph: g, name: "bad")
        }
        var b2 = QuantGraphBuilder(scheme: .s8, seed: 1)
        let fc1 = try b2.layer("fc1", .dense(activation: .none), b2.input([8]), outChannels: 4)
        let fc2 = try b2.layer("fc2", .dense(activation: .none), fc1, outChannels: 4)
        var f = b2.graph(output: fc2)
        var t = f.tensor(fc1)!
        t.quant = nil
        f.setTensor(t)
        #expect(throws: SmeltError.node("fc1", "tensor \"fc1_out\" has no quantization parameters")) {
            try CEmitter.emit(graph: f, name: "bad")
        }
        let float = Graph(name: "f", tensors: [Tensor(name: "a", shape: [4]), Tensor.constant("w", shape: [2, 4], values: Array(repeating: 0, count: 8))],
                          nodes: [Node(name: "d", op: .dense(activation: .none), inputs: ["a", "w"], output: "y")], inputs: ["a"], outputs: ["y"])
        #expect(throws: SmeltError.self) { try CEmitter.emit(graph: float, name: "f") }
    }

    @Test("write(to:) creates the folder atomically and replaces files")
    func writeFiles() throws {
        let c = try CEmitter.emit(graph: Self.smallCNN(), name: "cnn", options: EmitOptions(singleHeader: false))
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("smelt-write-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("gen")
        let urls = try c.write(to: out)
        #expect(urls.map(\.lastPathComponent) == ["cnn.h", "cnn.c"])
        #expect(try String(contentsOf: out.appendingPathComponent("cnn.c"), encoding: .utf8) == c.source)
        try Data("old".utf8).write(to: out.appendingPathComponent("cnn.h"))
        try c.write(to: out)
        #expect(try String(contentsOf: out.appendingPathComponent("cnn.h"), encoding: .utf8) == c.header)
        // No staging folders are left next to the output.
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["gen"])
        let notDir = parent.appendingPathComponent("file")
        try Data().write(to: notDir)
        #expect(throws: SmeltError.self) { try c.write(to: notDir) }
    }
}
