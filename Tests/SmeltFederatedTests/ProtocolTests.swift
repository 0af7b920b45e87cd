import Testing
@testable import SmeltFederated

@Suite("Server, codec, device data")
struct ProtocolTests {
    let mlp = try! MLP(sizes: [1, 40, 40, 1])

    @Test func serverMovesTowardMeanDelta() {
        var s = FederatedServer(strategy: .reptile, initial: [0, 0], rounds: 4, beta0: 0.5)
        #expect(s.beta(at: 0) == 0.5 && s.beta(at: 2) == 0.25)
        s.apply([DeviceUpdate(delta: [1, 2], sampleCount: 10), DeviceUpdate(delta: [3, 2], sampleCount: 30),
                 DeviceUpdate(delta: [.nan, 0], sampleCount: 5)])
        #expect(s.parameters == [1, 1])     // 0.5 · mean([1,2],[3,2]); NaN update refused
        #expect(s.rejectedUpdates == 1 && s.round == 1)
        var f = FederatedServer(strategy: .fedAvg, initial: [0, 0], rounds: 4, beta0: 1, schedule: .constant)
        f.apply([DeviceUpdate(delta: [1, 2], sampleCount: 10), DeviceUpdate(delta: [3, 2], sampleCount: 30)])
        #expect(f.parameters == [2.5, 2])   // weighted by samples: (10·1 + 30·3)/40
    }

    @Test func int8CodecWorkedExample() throws {
        let m = try MLP(sizes: [1, 1])
        let bytes = UpdateCodec.int8.encode([0.5, -0.25], mlp: m)
        #expect(bytes.count == UpdateCodec.int8.bytes(for: m))
        #expect(bytes.count == 2 + 8)
        let back = try UpdateCodec.int8.decode(bytes, mlp: m)
        #expect(back[0] == 0.5 && back[1] == -0.25)
        let f = try UpdateCodec.float32.decode(UpdateCodec.float32.encode([0.1, -3], mlp: m), mlp: m)
        #expect(f == [0.1, -3])
        #expect(UpdateCodec.float32.bytes(for: mlp) == 7044 && UpdateCodec.int8.bytes(for: mlp) == 1761 + 24)
        var d: [Float] = [0.5, -0.25, 0.1]
        let m3 = try MLP(sizes: [2, 1])
        UpdateCodec.int8.roundTrip(&d, mlp: m3)
        #expect(d[1] == Float(-64) * (0.5 / 127) && d[2] == 0.1)   // the bias is its own tensor
    }

    @Test func deviceStreamsAreReproducible() {
        let task = SineTask()
        let a = DeviceData(task: task, seed: 5, device: DeviceID(12), dataSize: nil)
        let b = DeviceData(task: task, seed: 5, device: DeviceID(12), dataSize: nil)
        #expect(a.roundSamples(round: 7, count: 10) == b.roundSamples(round: 7, count: 10))
        #expect(a.roundSamples(round: 7, count: 10) != a.roundSamples(round: 8, count: 10))
        let pool = DeviceData(task: task, seed: 5, device: DeviceID(12), dataSize: 20)
        let r = pool.roundSamples(round: 3, count: 20)
        #expect(Set(r.inputs).count == 20)   // k = n: every pooled sample exactly once
        #expect(a.profile.amplitude >= 0.1 && a.profile.amplitude <= 5 && a.profile.phase <= Double.pi)
        let q = DeviceData(task: task, seed: 5, device: DeviceID(0, heldOut: true), dataSize: nil).query(count: 50)
        #expect(q.inputs.first == -5 && q.inputs.last == 5 && q.count == 50)
    }

    @Test func trainerReducesLossOnOneSineDevice() {
        let task = SineTask()
        let data = DeviceData(task: task, seed: 1, device: DeviceID(0), dataSize: nil)
        let trainer = DeviceTrainer(mlp: mlp, loss: .meanSquaredError, learningRate: 0.01, epochs: 50, batchSize: 10)
        let ws = MLPWorkspace(mlp: mlp, loss: .meanSquaredError)
        let p0 = mlp.initialParameters(seed: 1)
        let s = data.roundSamples(round: 0, count: 10)
        let r = trainer.localTrain(initial: p0, samples: s, workspace: ws)
        let before = p0.withUnsafeBufferPointer { ws.evaluate($0.baseAddress!, data: s).loss }
        let after = r.weights.withUnsafeBufferPointer { ws.evaluate($0.baseAddress!, data: s).loss }
        #expect(after < before * 0.8 && r.samplePasses == 500 && !r.diverged)
    }
}
