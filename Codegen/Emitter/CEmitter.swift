import SmeltIR

/// Generates C99 for a quantized graph: `NAME.h` / `NAME.c` following the generated-C contract
/// (docs/contracts.md), with only the kernels the model uses pasted in from Codegen/Kernels.
///
/// The graph must be quantized (int8, int16 or power-of-two int8 activations with `quant` on
/// every activation tensor), with one output and one or more inputs, all of the output's dtype.
/// One input gives `NAME_invoke(input, output)`; several give `NAME_invoke_inputs(inputs, output)`
/// with per-input `NAME_INPUT<i>_...` macros (docs/contracts.md, "Generated C interface").
public enum CEmitter {
    /// Emits the model; throws a `SmeltError` naming the node for anything it cannot generate.
    public static func emit(graph: Graph, name: String, options: EmitOptions = EmitOptions()) throws -> GeneratedC {
        if !options.trainable.isEmpty { return try TrainingStepEmitter.emit(graph: graph, name: name, options: options) }
        let g = try graph.verified()
        let id = CSyntax.identifier(name).lowercased()
        guard !g.inputs.isEmpty, g.outputs.count == 1 else {
            throw SmeltError("graph \"\(g.name)\": the C generator needs one or more inputs and exactly one output, has \(g.inputs.count) and \(g.outputs.count)")
        }
        let inputs = try g.inputs.map { try g.requireTensor($0) }
        let output = try g.requireTensor(g.outputs[0])
        for t in inputs + [output] {
            guard t.dtype == .int8 || t.dtype == .int16, t.quant != nil else {
                throw SmeltError("tensor \"\(t.name)\": graph inputs and outputs must be quantized int8 or int16, is \(t.dtype.rawValue)\(t.quant == nil ? " without quantization parameters" : "")")
            }
        }
        for input in inputs where input.dtype != output.dtype {
            throw SmeltError("graph \"\(g.name)\": input \"\(input.name)\" is \(input.dtype.rawValue) but output is \(output.dtype.rawValue)")
        }
        guard !g.inputs.contains(output.name) else { throw SmeltError("graph \"\(g.name)\": the output is an input") }
        guard Set(g.inputs).count == g.inputs.count else { throw SmeltError("graph \"\(g.name)\": an input is listed twice") }

        let plan = try ArenaPlanner.plan(graph: g, external: Set(g.inputs + [output.name]))
        var context = LoweringContext(graph: g, prefix: id, plan: plan)
        var layers: [(node: Node, lowered: LoweredLayer)] = []
        for (i, node) in g.nodes.enumerated() {
            layers.append((node, try context.lower(node, layer: i)))
        }
        if options.specialize {
            var definitions: [String] = []
            var removed = Set<String>()
            for k in layers.indices {
                var statements: [String] = []
                for st in layers[k].lowered.statements {
                    if let s = try Specializer.specialize(st, kernelFiles: layers[k].lowered.kernelFiles, fields: context.paramFields,
                                                          name: "\(id)_l\(k)") {
                        definitions.append(s.definition)
                        statements.append(s.call)
                        if let params = s.params { removed.insert(params) }
                    } else {
                        statements.append(st)
                    }
                }
                layers[k].lowered.statements = statements
            }
            context.paramDefinitions = context.paramDefinitions.filter { d in
                !removed.contains { d.contains(" \($0) = {") }
            } + definitions
            context.paramBytes -= removed.reduce(0) { $0 + (context.paramStructBytes[$1] ?? 0) }
        }
        var kernelFiles: [String] = []
        for (_, l) in layers { for f in l.kernelFiles where !kernelFiles.contains(f) { kernelFiles.append(f) } }

        let reports = try layers.enumerated().map { i, entry -> LayerReport in
            let out = try g.requireTensor(entry.node.output)
            let weights = try entry.node.inputs.map { try g.requireTensor($0) }.filter { $0.isConstant && $0.dtype != .float32 }.reduce(0) { $0 + $1.byteCount }
            return LayerReport(index: i, name: entry.node.name, op: entry.node.op.kind.rawValue, kernels: entry.lowered.kernels,
                               outputShape: out.shape, macs: entry.lowered.macs, weightBytes: weights,
                               activationBytes: out.byteCount, arenaOffset: plan.offsets[plan.root(of: out.name)])
        }
        let paramArrayBytes = context.pool.bytes - context.pool.weightBytes - context.tableBytes
        let report = CompileReport(layers: reports, weightBytes: context.pool.weightBytes, tableBytes: context.tableBytes,
                                   paramBytes: context.paramBytes + paramArrayBytes, arenaBytes: plan.arenaBytes)
        let writer = SourceWriter(id: id, graph: g, inputs: inputs, output: output, report: report)
        let header = writer.header()
        let body = try writer.body(kernelFiles: kernelFiles, context: context, layers: layers)
        let source = "/* \(id).c - generated by Smelt from model \"\(g.name)\". Do not edit. */\n#include \"\(id).h\"\n\n" + body
        let single = options.singleHeader ? writer.singleHeader(header: header, body: body) : nil
        return GeneratedC(name: id, header: header, source: source, singleHeader: single, report: report, inputCount: inputs.count)
    }
}
