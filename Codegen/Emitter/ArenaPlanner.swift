import SmeltIR

/// A block of the activation arena: `bytes` long, live from node `firstUse` through `lastUse`
/// (inclusive, node indices in execution order). Two buffers whose ranges intersect may not overlap.
public struct ArenaBuffer: Sendable, Equatable {
    public var name: String
    public var bytes: Int
    public var firstUse: Int
    public var lastUse: Int

    public init(name: String, bytes: Int, firstUse: Int, lastUse: Int) {
        self.name = name
        self.bytes = bytes
        self.firstUse = firstUse
        self.lastUse = lastUse
    }

    /// Whether the two buffers are live at the same node.
    public func isLive(alongside other: ArenaBuffer) -> Bool {
        firstUse <= other.lastUse && other.firstUse <= lastUse
    }
}

/// Where every activation tensor of a graph lives.
public struct ArenaPlan: Sendable, Equatable {
    /// Byte offset in the arena of each planned tensor (4-byte aligned).
    public var offsets: [String: Int]
    /// Tensors that share their input's storage (Reshape / Flatten): tensor → the tensor it aliases.
    public var aliases: [String: String]
    /// Tensors that live outside the arena (the graph inputs and the output buffer).
    public var external: Set<String>
    /// Total arena size in bytes (a multiple of 4).
    public var arenaBytes: Int
    /// The planned buffers, with their lifetimes.
    public var buffers: [ArenaBuffer]

    /// The tensor whose storage `tensor` uses (itself unless it is an alias).
    public func root(of tensor: String) -> String {
        var t = tensor
        while let next = aliases[t] { t = next }
        return t
    }
}

/// Plans tensor lifetimes into byte offsets of one static arena.
///
/// Lifetimes run from the node that writes a tensor to the last node that reads it (or to the
/// end of the graph). Reshape/Flatten outputs alias their input (their reads extend the input's
/// lifetime) unless they are graph outputs. Placement tries greedy best-fit in decreasing size,
/// greedy best-fit in execution order and a two-ended ("ping-pong") placement, then keeps the
/// smallest arena. For a chain a → b → c → … the ping-pong placement needs exactly the largest
/// sum of two neighbouring tensors, e.g. sizes 10, 9, 5, 8 → 19 bytes (greedy by size alone: 24).
public enum ArenaPlanner {
    /// Alignment of every offset, in bytes.
    public static let alignment = 4

    /// Plans every activation tensor of `graph` except those in `external` and the graph's
    /// inputs, which always live in the caller's buffers (every one of them, however many).
    public static func plan(graph: Graph, external: Set<String>) throws -> ArenaPlan {
        let external = external.union(graph.inputs)
        var aliases: [String: String] = [:]
        for node in graph.nodes {
            switch node.op {
            case .reshape, .flatten:
                if !graph.outputs.contains(node.output), let input = node.inputs.first {
                    aliases[node.output] = input
                }
            default: break
            }
        }
        func root(_ t: String) -> String {
            var r = t
            while let next = aliases[r] { r = next }
            return r
        }
        let last = graph.nodes.count
        var first: [String: Int] = [:]
        var lastUse: [String: Int] = [:]
        var order: [String] = []
        for (i, node) in graph.nodes.enumerated() {
            for input in node.inputs where graph.tensor(input)?.isConstant != true {
                let r = root(input)
                lastUse[r] = max(lastUse[r] ?? i, i)
            }
            let r = root(node.output)
            if first[r] == nil { first[r] = i; order.append(r) }
            lastUse[r] = max(lastUse[r] ?? i, i)
        }
        for o in graph.outputs { lastUse[root(o)] = last }
        var buffers: [ArenaBuffer] = []
        for name in order where !external.contains(name) {
            let t = try graph.requireTensor(name)
            buffers.append(ArenaBuffer(name: name, bytes: t.byteCount, firstUse: first[name]!, lastUse: lastUse[name]!))
        }
        let (offsets, size) = place(buffers)
        return ArenaPlan(offsets: offsets, aliases: aliases, external: external, arenaBytes: size, buffers: buffers)
    }

    /// Places buffers so that no two live at the same node overlap; returns offsets and arena size.
    public static func place(_ buffers: [ArenaBuffer]) -> (offsets: [String: Int], size: Int) {
        let bySize = buffers.indices.sorted {
            (buffers[$0].bytes, -buffers[$0].firstUse) > (buffers[$1].bytes, -buffers[$1].firstUse)
        }
        let byTime = buffers.indices.sorted { (buffers[$0].firstUse, $0) < (buffers[$1].firstUse, $1) }
        let candidates = [
            greedy(buffers, order: bySize),
            greedy(buffers, order: byTime),
            pingPong(buffers, order: byTime),
        ]
        let best = candidates.min { $0.size < $1.size }!
        var offsets: [String: Int] = [:]
        for (i, b) in buffers.enumerated() { offsets[b.name] = best.offsets[i] }
        return (offsets, best.size)
    }

    /// The bytes live at the busiest node: no placement can use less.
    public static func lowerBound(_ buffers: [ArenaBuffer]) -> Int {
        let steps = Set(buffers.flatMap { [$0.firstUse, $0.lastUse] })
        return steps.map { s in
            buffers.filter { $0.firstUse <= s && s <= $0.lastUse }.reduce(0) { $0 + aligned($1.bytes) }
        }.max() ?? 0
    }

    static func aligned(_ n: Int) -> Int { (n + alignment - 1) / alignment * alignment }

    /// Free gaps `[start, end)` among the placed buffers live alongside `b`, plus the open top.
    private static func gaps(for b: ArenaBuffer, buffers: [ArenaBuffer], placed: [Int: Int]) -> [(start: Int, end: Int?)] {
        let blocks = placed.filter { buffers[$0.key].isLive(alongside: b) }
            .map { (start: $0.value, end: $0.value + aligned(buffers[$0.key].bytes)) }
            .sorted { $0.start < $1.start }
        var result: [(start: Int, end: Int?)] = []
        var cursor = 0
        for block in blocks {
            if block.start > cursor { result.append((cursor, block.start)) }
            cursor = max(cursor, block.end)
        }
        result.append((cursor, nil))
        return result
    }

    /// Greedy best-fit: each buffer goes into the smallest gap that holds it.
    private static func greedy(_ buffers: [ArenaBuffer], order: [Int]) -> (offsets: [Int], size: Int) {
        var placed: [Int: Int] = [:]
        for i in order {
            let need = aligned(buffers[i].bytes)
            var best: (start: Int, room: Int)?
            for g in gaps(for: buffers[i], buffers: buffers, placed: placed) {
                let room = g.end.map { $0 - g.start } ?? Int.max
                if room >= need, room < (best?.room ?? Int.max) || best == nil { best = (g.start, room) }
            }
            placed[i] = best!.start
        }
        return finish(buffers, placed)
    }

    /// Two-ended placement against the lower bound: buffers alternate between the lowest and the
    /// highest free offset below the bound; one that fits nowhere goes above everything.
    private static func pingPong(_ buffers: [ArenaBuffer], order: [Int]) -> (offsets: [Int], size: Int) {
        let limit = lowerBound(buffers)
        var placed: [Int: Int] = [:]
        var high = false
        for i in order {
            let need = aligned(buffers[i].bytes)
            let free = gaps(for: buffers[i], buffers: buffers, placed: placed)
            let inside = free.compactMap { g -> (Int, Int)? in
                let end = min(g.end ?? limit, limit)
                return end - g.start >= need ? (g.start, end) : nil
            }
            if high, let g = inside.last {
                placed[i] = (g.1 - need) / alignment * alignment
            } else if !high, let g = inside.first {
                placed[i] = g.0
            } else {
                placed[i] = free.last!.start
            }
            high.toggle()
        }
        return finish(buffers, placed)
    }

    private static func finish(_ buffers: [ArenaBuffer], _ placed: [Int: Int]) -> (offsets: [Int], size: Int) {
        let offsets = buffers.indices.map { placed[$0]! }
        let size = buffers.indices.map { offsets[$0] + aligned(buffers[$0].bytes) }.max() ?? 0
        return (offsets, size)
    }
}
