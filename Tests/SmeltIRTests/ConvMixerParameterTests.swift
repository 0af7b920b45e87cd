import Testing
@testable import SmeltIR

/// ConvMixer-256/16 (Trockman & Kolter, "Patches Are All You Need?") built with the builder.
///
/// Hand count: stem conv 1×1 3→256 + bias = 768 + 256 = 1,024, stem BN gamma+beta 512;
/// per block depthwise 9×9×256 + 256 = 20,992, pointwise 256·256 + 256 = 65,792, two BNs 1,024
/// (block 87,808); head Dense 256→10 = 2,570.
/// Unshared: 1,024 + 512 + 16·87,808 + 2,570 = 1,409,034.
/// Shared kernels: 1,024 + 512 + 20,992 + 65,792 + 16·1,024 + 2,570 = 107,274.
@Suite("ConvMixer-256/16 statistics")
struct ConvMixerParameterTests {
    static func convMixer(shareKernels: Bool, spatial: Int = 4) throws -> Graph {
        var b = GraphBuilder(name: "convmixer", input: [spatial, spatial, 3], seed: 3)
        var x = b.conv2d(b.input, filters: 256, kernel: (1, 1))
        x = b.relu(b.batchNorm(x))
        for _ in 0..<16 {
            var r = b.depthwiseConv2d(x, kernel: (9, 9), padding: .same, activation: .relu, sharing: shareKernels ? "dw" : nil)
            r = b.batchNorm(r)
            x = b.add(r, x)
            x = b.conv2d(x, filters: 256, kernel: (1, 1), activation: .relu, sharing: shareKernels ? "pw" : nil)
            x = b.batchNorm(x)
        }
        let y = b.dense(b.globalAveragePool(x), units: 10)
        return try b.finish(outputs: [y])
    }

    @Test func unsharedHas1409034Parameters() throws {
        let s = GraphStatistics(try Self.convMixer(shareKernels: false))
        #expect(s.totalParameters == 1_409_034)
        // 33 BatchNorms (stem + 2 per block) × (mean + variance) × 256 = 16,896 buffers.
        #expect(s.totalBuffers == 16_896)
        #expect(s.totalWeightBytes == (1_409_034 + 16_896) * 4)
        #expect(s.weightBytesByDType == [.float32: (1_409_034 + 16_896) * 4])
        #expect(s.sharedTensorCount == 0)
        // At 4×4: stem 16·256·3 = 12,288; per block depthwise 16·256·81 = 331,776 and
        // pointwise 16·256·256 = 1,048,576; head 2,560 → 22,100,480.
        #expect(s.totalMACs == 22_100_480)
    }

    @Test func sharedKernelsHave107274Parameters() throws {
        let g = try Self.convMixer(shareKernels: true)
        let s = GraphStatistics(g)
        #expect(s.totalParameters == 107_274)
        #expect(s.sharedTensorCount == 4)
        #expect(g.sharedTensors.map(\.tensor) == ["dw.weight", "dw.bias", "pw.weight", "pw.bias"])
        #expect(g.sharedTensors[0].readers.count == 16)
        // Each layer still reports the parameters it reads; MACs do not change with sharing.
        let dw = s.nodes.filter { $0.op == .depthwiseConv2d }
        #expect(dw.count == 16 && dw.allSatisfy { $0.parameters == 20_992 && $0.macs == 331_776 })
        let pw = s.nodes.filter { $0.op == .conv2d }.dropFirst()
        #expect(pw.count == 16 && pw.allSatisfy { $0.parameters == 65_792 })
        #expect(s.totalMACs == 22_100_480)
        #expect(s.nodes.filter { $0.op == .batchNorm }.allSatisfy { $0.parameters == 512 && $0.buffers == 512 })
    }

    @Test func parameterCountDoesNotDependOnSpatialSize() throws {
        let s = GraphStatistics(try Self.convMixer(shareKernels: false, spatial: 2))
        #expect(s.totalParameters == 1_409_034)
        #expect(s.nodes.last?.outputShape == [10])
    }
}
