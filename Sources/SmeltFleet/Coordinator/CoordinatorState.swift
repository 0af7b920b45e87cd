import Foundation

/// What a coordinator must not lose: the next round, the model version and the shared
/// parameters (the initialisation being learned), plus drop counts for the report. Written
/// atomically after initialisation and after every completed round, read back on restart.
/// JSON; parameters as numbers in Swift's shortest round-trip form, so a resume is bit-exact.
public struct CoordinatorState: Codable, Sendable, Equatable {
    public var format = "smelt-fleet-coordinator-state/1"
    public var fleet: String
    public var strategy: String
    public var seed: UInt64
    /// Rounds completed so far = the next round to run (0-based).
    public var round: Int
    public var modelVersion: UInt32
    public var parameters: [Float]
    /// Dropped messages by reason, over the whole run.
    public var drops: [String: Int] = [:]
    /// Rounds that completed with fewer answers than devices asked.
    public var shortRounds = 0
    /// Coordinator starts that resumed from this file.
    public var resumes = 0

    /// The initial state of `config`: round 0, model version 1, the seeded initialisation.
    public init(config c: FleetConfig) throws {
        fleet = c.fleet; strategy = c.strategy; seed = c.seed
        round = 0; modelVersion = 1
        parameters = try FleetLearning(c).initialParameters
    }

    /// Writes to `path` atomically: a temporary file in the same directory, fsync, rename.
    public func save(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(self)
        let tmp = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: tmp, contents: nil) , let h = FileHandle(forWritingAtPath: tmp) else {
            throw FleetError("\(path): cannot write coordinator state")
        }
        h.write(data)
        try h.synchronize()
        try h.close()
        guard rename(tmp, path) == 0 else { throw FleetError("\(path): rename failed: \(String(cString: strerror(errno)))") }
    }

    /// Reads `path` if it exists; `nil` when absent. A state for another fleet, seed, strategy
    /// or model is refused rather than silently mixed in.
    public static func load(_ path: String, matching c: FleetConfig) throws -> CoordinatorState? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let s: CoordinatorState
        do { s = try JSONDecoder().decode(CoordinatorState.self, from: data) } catch {
            throw FleetError("\(path): not a coordinator state (\(FleetError.describe(error)))")
        }
        guard s.format == "smelt-fleet-coordinator-state/1" else { throw FleetError("\(path): unknown state format '\(s.format)'") }
        guard s.fleet == c.fleet, s.seed == c.seed, s.strategy == c.strategy,
              s.parameters.count == (try FleetLearning(c)).mlp.parameterCount, s.round <= c.rounds else {
            throw FleetError("\(path): state belongs to another run (fleet \(s.fleet), seed \(s.seed), strategy \(s.strategy))")
        }
        return s
    }
}
