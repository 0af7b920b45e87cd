import Testing
import SmeltIR
@testable import SmeltCodegen

@Suite("Arena planner")
struct ArenaPlannerTests {
    /// Buffers of a chain a → b → c → …: buffer i is written by node i and read by node i + 1.
    func chain(_ sizes: [Int]) -> [ArenaBuffer] {
        sizes.enumerated().map { ArenaBuffer(name: "t\($0.offset)", bytes: $0.element, firstUse: $0.offset, lastUse: $0.offset + 1) }
    }

    /// Checks every pair of buffers live at the same node for overlap.
    func overlaps(_ buffers: [ArenaBuffer], _ offsets: [String: Int]) -> [(String, String)] {
        var bad: [(String, String)] = []
        for (i, a) in buffers.enumerated() {
            for b in buffers[(i + 1)...] where a.isLive(alongside: b) {
                let (oa, ob) = (offsets[a.name]!, offsets[b.name]!)
                if oa < ob + b.bytes && ob < oa + a.bytes && a.bytes > 0 && b.bytes > 0 { bad.append((a.name, b.name)) }
            }
        }
        return bad
    }

    @Test("a chain needs only its largest neighbouring pair")
    func chainBound() {
        let buffers = chain([12, 8, 4, 8])
        let (offsets, size) = ArenaPlanner.place(buffers)
        #expect(size == 20)
        #expect(overlaps(buffers, offsets).isEmpty)
        // Greedy best-fit by size alone needs 96 here: t0 at 0, t1 at 40, t3 at 0, and t2 (live
        // with t1 and t3) fits only above t1 at 76. The bound is t0 + t1 = 76.
        let tricky = chain([40, 36, 20, 32])
        let plan = ArenaPlanner.place(tricky)
        #expect(plan.size == 76)
        #expect(overlaps(tricky, plan.offsets).isEmpty)
        // Sizes round up to 4 bytes: 10 and 9 take 12 each.
        #expect(ArenaPlanner.place(chain([10, 9, 5, 8])).size == 24)
    }

    @Test("random chains: arena equals the largest pair of neighbours", arguments: 0..<50)
    func randomChains(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 1000)
        let n = Int.random(in: 2...12, using: &rng)
        let sizes = (0..<n).map { _ in 4 * Int.random(in: 1...64, using: &rng) }
        let buffers = chain(sizes)
        let (offsets, size) = ArenaPlanner.place(buffers)
        let pairs = (0..<(n - 1)).map { sizes[$0] + sizes[$0 + 1] }.max()!
        #expect(size == pairs, "sizes \(sizes)")
        #expect(overlaps(buffers, offsets).isEmpty)
        #expect(offsets.values.allSatisfy { $0 % 4 == 0 })
    }

    @Test("random DAG lifetimes never overlap while live", arguments: 0..<200)
    func randomBuffers(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        let nodes = Int.random(in: 1...20, using: &rng)
        let buffers = (0..<Int.random(in: 1...25, using: &rng)).map { i -> ArenaBuffer in
            let first = Int.random(in: 0..<nodes, using: &rng)
            return ArenaBuffer(name: "b\(i)", bytes: Int.random(in: 1...300, using: &rng),
                               firstUse: first, lastUse: Int.random(in: first...nodes, using: &rng))
        }
        let (offsets, size) = ArenaPlanner.place(buffers)
        #expect(overlaps(buffers, offsets).isEmpty)
        #expect(size >= ArenaPlanner.lowerBound(buffers))
        #expect(buffers.allSatisfy { offsets[$0.name]! % 4 == 0 && offsets[$0.name]! + $0.bytes <= size })
    }

    @Test("graph plan: lifetimes from node order, reshape aliases, graph input/output outside")
    func graphPlan() throws {
        var b = QuantGraphBuilder(scheme: .s8, seed: 3)
        let x = b.input([4, 4, 2])
        let c1 = try b.layer("c1", .conv2d(ConvAttributes(padding: .same)), x, outChannels: 4, kernel: (3, 3))  // 64 B
        let c2 = try b.layer("c2", .depthwiseConv2d(ConvAttributes(padding: .same)), c1, outChannels: 4, kernel: (3, 3)) // 64 B
        let f = try b.node("flat", .flatten, [c2], quant: b.quants[c2]!)
        let d = try b.layer("fc", .dense(activation: .none), f, outChannels: 5)
        let g = try b.graph(output: d).verified()
        let plan = try ArenaPlanner.plan(graph: g, external: [x, d])
        #expect(plan.aliases == [f: c2])
        #expect(plan.root(of: f) == c2)
        #expect(Set(plan.offsets.keys) == [c1, c2])
        let lifetimes = Dictionary(uniqueKeysWithValues: plan.buffers.map { ($0.name, $0.firstUse...$0.lastUse) })
        #expect(lifetimes[c1] == 0...1)
        #expect(lifetimes[c2] == 1...3)   // read through the flatten alias by node 3
        #expect(plan.arenaBytes == 128)
        #expect(plan.offsets[c1] != plan.offsets[c2])
    }

    @Test("sibling branches stay live until their join")
    func branches() throws {
        var b = QuantGraphBuilder(scheme: .s8, seed: 4)
        let x = b.input([2, 2, 4])
        let a = try b.layer("a", .conv2d(ConvAttributes()), x, outChannels: 4)      // 16 B, read by node 3
        let c = try b.layer("c", .conv2d(ConvAttributes()), x, outChannels: 4)      // 16 B
        let e = try b.layer("e", .conv2d(ConvAttributes()), c, outChannels: 4)      // 16 B
        let s = try b.node("sum", .add(activation: .none), [a, e], quant: b.params(scale: 0.1))
        let plan = try ArenaPlanner.plan(graph: b.graph(output: s).verified(), external: [x, s])
        #expect(plan.arenaBytes == 48)   // a, c, e all live at node 2
        #expect(Set([a, c, e].map { plan.offsets[$0]! }).count == 3)
    }

    @Test("every graph input stays outside the arena, however many")
    func severalInputs() throws {
        var b = QuantGraphBuilder(scheme: .s8, seed: 5)
        let x = b.input([8])
        let y = b.activation("y", shape: [8], quant: b.quants[x]!)
        let s = try b.node("sum", .add(activation: .none), [x, y], quant: b.params(scale: 0.1))   // 8 B
        let c = try b.node("cat", .concatenate, [s, y], quant: b.quants[s]!)
        let g = try Graph(name: "two", tensors: b.tensors, nodes: b.nodes, inputs: [x, y], outputs: [c]).verified()
        let plan = try ArenaPlanner.plan(graph: g, external: [c])   // the inputs are added by the planner
        #expect(plan.external == [x, y, c])
        #expect(Set(plan.offsets.keys) == [s])
        #expect(plan.arenaBytes == 8)
    }
}
