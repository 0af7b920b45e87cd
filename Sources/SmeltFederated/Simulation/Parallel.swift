import Dispatch

/// Runs independent jobs on several cores. Each job writes only its own result slot, and callers
/// combine slots in index order, so results never depend on the number of threads.
enum Parallel {
    /// Calls `body(i)` for i in 0..<n: in order on this thread when `threads == 1`, else with
    /// `DispatchQueue.concurrentPerform` (all cores).
    static func forEach(_ n: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        if threads == 1 || n <= 1 {
            for i in 0..<n { body(i) }
        } else {
            DispatchQueue.concurrentPerform(iterations: n, execute: body)
        }
    }

    /// `f(i)` for i in 0..<n, gathered in index order.
    static func map<T: Sendable>(_ n: Int, threads: Int, _ f: @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count: n)
        forEach(n, threads: threads) { slots.set($0, f($0)) }
        return slots.values()
    }
}

/// Result slots written by concurrent jobs, one slot per job.
final class Slots<T>: @unchecked Sendable {
    private var storage: [T?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    /// Writes slot `i` (each slot from exactly one job).
    func set(_ i: Int, _ v: T) { storage.withUnsafeMutableBufferPointer { $0[i] = v } }
    func values() -> [T] { storage.map { $0! } }
}
