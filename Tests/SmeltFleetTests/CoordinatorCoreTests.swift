import Foundation
import XCTest
@testable import SmeltFleet
import SmeltFederated

final class CoordinatorCoreTests: XCTestCase {
    private func config(rounds: Int = 6, devices: Int = 5) -> FleetConfig {
        var c = FleetConfig()
        c.rounds = rounds
        c.devices = (0..<devices).map { String(format: "d%02d", $0) }
        c.layers = [1, 8, 1]
        c.samplesPerDevice = 40
        c.seed = 11
        return c
    }

    private func update(_ core: CoordinatorCore, _ device: String, claim: String? = nil, round: Int? = nil, weights: [Float]? = nil) -> [UInt8] {
        let m = FleetMessage(kind: .update, modelVersion: core.state.modelVersion, round: UInt32(round ?? core.state.round),
                             sampleCount: 10, deviceID: claim ?? device, weights: weights ?? core.state.parameters.map { $0 + 0.5 })
        return try! m.encode()
    }

    /// Driving the core with device steps computed in process reproduces FleetSimulation exactly.
    func testCoreWithLocalDevicesEqualsSimulation() throws {
        for strategy in ["tinyreptile", "reptile", "fedavg"] {
            var c = config()
            c.strategy = strategy
            c.devicesPerRound = strategy == "tinyreptile" ? 1 : 3
            let core = try CoordinatorCore(config: c, state: try CoordinatorState(config: c))
            let learning = try FleetLearning(c)
            while !core.finished {
                let m = core.beginRound()
                let trainer = learning.trainer(learningRate: m.learningRate, epochs: Int(m.localEpochs), batch: Int(m.batchSize))
                for d in m.participants.reversed() {  // arrival order must not matter
                    var data = DeviceSamples.stream(learning.deviceData(index: c.devices.firstIndex(of: d)!))
                    let theta = trainer.localTrain(initial: m.weights, samples: data.next(round: Int(m.round), count: Int(m.sampleCount))).weights
                    XCTAssertNil(core.receiveUpdate(topic: core.topics.update(d), payload: update(core, d, weights: theta)))
                }
                XCTAssertTrue(core.allAnswered)
                _ = core.completeRound()
            }
            XCTAssertEqual(core.state.parameters, try FleetSimulation.run(c), strategy)
            XCTAssertEqual(core.state.modelVersion, UInt32(c.rounds + 1))
        }
    }

    func testDropsWithReasons() throws {
        let c = config()
        let core = try CoordinatorCore(config: c, state: try CoordinatorState(config: c))
        let asked = core.beginRound().participants[0]
        let other = c.devices.first { $0 != asked }!
        var bad = update(core, asked)
        bad[bad.count / 2] ^= 1
        XCTAssertTrue(core.receiveUpdate(topic: core.topics.update(asked), payload: bad)!.hasPrefix("corrupt: checksum mismatch"))
        XCTAssertTrue(core.receiveUpdate(topic: core.topics.update("d99"), payload: update(core, "d99"))!.hasPrefix("unknown device"))
        XCTAssertTrue(core.receiveUpdate(topic: core.topics.update(asked), payload: update(core, asked, claim: other))!.hasPrefix("impersonation"))
        XCTAssertTrue(core.receiveUpdate(topic: core.topics.update(other), payload: update(core, other))!.hasPrefix("not asked"))
        XCTAssertTrue(core.receiveUpdate(topic: core.topics.update(asked), payload: update(core, asked, round: 5))!.hasPrefix("stale"))
        XCTAssertTrue(core.receiveUpdate(topic: core.topics.update(asked), payload: update(core, asked, weights: [1]))!.hasPrefix("wrong parameter count"))
        XCTAssertTrue(core.receiveUpdate(topic: core.topics.update(asked), payload: update(core, asked, weights: core.state.parameters.map { _ in .nan }))!.hasPrefix("diverged"))
        XCTAssertNil(core.receiveUpdate(topic: core.topics.update(asked), payload: update(core, asked)))
        XCTAssertTrue(core.receiveUpdate(topic: core.topics.update(asked), payload: update(core, asked))!.hasPrefix("duplicate"))
        let before = core.state.parameters
        XCTAssertEqual(core.completeRound(), [asked])
        // A replay of round 0 after the round closed is stale, never counted again.
        let replay = FleetMessage(kind: .update, modelVersion: 1, round: 0, sampleCount: 10, deviceID: asked, weights: before)
        _ = core.beginRound()
        XCTAssertTrue(core.receiveUpdate(topic: core.topics.update(asked), payload: try replay.encode())!.hasPrefix("stale"))
        XCTAssertEqual(core.state.drops, ["corrupt": 1, "unknown device": 1, "impersonation": 1, "not asked this round": 1,
                                          "stale": 2, "wrong parameter count 1": 1, "diverged": 1, "duplicate": 1])
    }

    func testVanishedDeviceIsReplacedThenRoundCompletesWithoutIt() throws {
        var c = config()
        c.maxAttempts = 2
        let core = try CoordinatorCore(config: c, state: try CoordinatorState(config: c))
        let first = core.beginRound().participants[0]
        core.receiveStatus(topic: core.topics.status(first), payload: Array("offline".utf8))
        XCTAssertTrue(core.nobodyLeftToWaitFor)
        XCTAssertEqual(core.deadlinePassed(), [first])
        let second = core.retry()!.participants[0]
        XCTAssertNotEqual(first, second)
        XCTAssertEqual(core.deadlinePassed(), [second])
        XCTAssertNil(core.retry())  // attempts used up
        let phi = core.state.parameters
        XCTAssertEqual(core.completeRound(), [])
        XCTAssertEqual(core.state.parameters, phi)
        XCTAssertEqual(core.state.round, 1)
        XCTAssertEqual(core.state.shortRounds, 1)
        // Offline devices are skipped when choosing; `online` brings them back.
        XCTAssertFalse(core.beginRound().participants.contains(first))
        core.receiveStatus(topic: core.topics.status(first), payload: Array("online".utf8))
        XCTAssertFalse(core.unavailable.contains(first))
    }

    func testEveryDeviceOfflineWaitsThenReselects() throws {
        let c = config(devices: 2)
        let core = try CoordinatorCore(config: c, state: try CoordinatorState(config: c))
        for d in c.devices { core.receiveStatus(topic: core.topics.status(d), payload: Array("offline".utf8)) }
        XCTAssertEqual(core.beginRound().participants, [])
        XCTAssertFalse(core.allAnswered)
        XCTAssertNil(core.reselectIfIdle())
        core.receiveStatus(topic: core.topics.status("d01"), payload: Array("online".utf8))
        XCTAssertEqual(core.reselectIfIdle()?.participants, ["d01"])
    }

    /// Save after round 3, "crash", load, finish: same result as an uninterrupted run.
    func testStateIsSavedAtomicallyAndResumes() throws {
        let c = config()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-state-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertNil(try CoordinatorState.load(path, matching: c))
        func play(_ core: CoordinatorCore, until round: Int) {
            while core.state.round < round {
                for d in core.beginRound().participants {
                    core.receiveUpdate(topic: core.topics.update(d), payload: update(core, d, weights: core.state.parameters.map { $0 * 0.9 + Float(core.state.round) }))
                }
                _ = core.completeRound()
            }
        }
        let a = try CoordinatorCore(config: c, state: try CoordinatorState(config: c))
        play(a, until: 3)
        try a.state.save(to: path)
        let b = try CoordinatorCore(config: c, state: try XCTUnwrap(try CoordinatorState.load(path, matching: c)))
        XCTAssertEqual(b.state, a.state)
        play(a, until: c.rounds)
        play(b, until: c.rounds)
        XCTAssertEqual(a.state.parameters, b.state.parameters)
        var other = c
        other.seed = 12
        XCTAssertThrowsError(try CoordinatorState.load(path, matching: other))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path).filter { $0.contains(".tmp-") && $0.hasPrefix((path as NSString).lastPathComponent) }
        XCTAssertEqual(leftovers, [])
    }

    func testScheduleIsDistinctAndSkipsExcluded() {
        var c = config(devices: 10)
        c.devicesPerRound = 4
        for r in 0..<50 {
            let p = FleetSchedule.participants(c, round: r)
            XCTAssertEqual(Set(p).count, 4)
            XCTAssertEqual(p, FleetSchedule.participants(c, round: r))
            let q = FleetSchedule.participants(c, round: r, attempt: 1, excluding: Set(p))
            XCTAssertTrue(Set(q).isDisjoint(with: p))
        }
        c.devicesPerRound = 1
        let picks = Set((0..<200).map { FleetSchedule.participants(c, round: $0)[0] })
        XCTAssertEqual(picks.count, 10)  // every device gets asked
    }

    func testDeviceDataFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-data-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let c = config()
        try DeviceSamples.writeFleetDescriptors(c, to: dir.path)
        var d = try DeviceSamples.load(dir.appendingPathComponent("d03.json").path)
        XCTAssertEqual(d.next(round: 4, count: 10), try FleetLearning(c).deviceData(index: 3).roundSamples(round: 4, count: 10))
        let csv = dir.appendingPathComponent("pool.csv").path
        _ = FileManager.default.createFile(atPath: csv, contents: Data("x,y\n1,2\n3,4\n5,6\n".utf8))
        var pool = try DeviceSamples.load(csv)
        XCTAssertEqual(pool.next(round: 0, count: 2).inputs, [1, 3])
        XCTAssertEqual(pool.next(round: 1, count: 2).inputs, [5, 1])
        _ = FileManager.default.createFile(atPath: csv, contents: Data("x,y\n1,2\n3\n".utf8))
        XCTAssertThrowsError(try DeviceSamples.load(csv)) { XCTAssertTrue("\($0)".contains("pool.csv: line 3")) }
    }

    func testConfigValidationNamesTheField() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func load(_ json: String) -> String {
            let p = dir.appendingPathComponent("c.json").path
            _ = FileManager.default.createFile(atPath: p, contents: Data(json.utf8))
            do { _ = try FleetConfig.load(p); return "ok" } catch { return "\(error)" }
        }
        XCTAssertEqual(load("{}"), "ok")
        XCTAssertTrue(load(#"{"strategy": "maml"}"#).contains("strategy must be tinyreptile, reptile or fedavg"))
        XCTAssertTrue(load(#"{"rounds": -1}"#).contains("rounds must be ≥ 1"))
        XCTAssertTrue(load(#"{"devices": ["a", "a"]}"#).contains("without repeats"))
        XCTAssertTrue(load(#"{"rounds": "x"}"#).contains("field 'rounds'"))
        XCTAssertTrue(load(#"{"samplesPerRound": 900, "samplesPerDevice": 100}"#).contains("must not exceed samplesPerDevice"))
    }
}
