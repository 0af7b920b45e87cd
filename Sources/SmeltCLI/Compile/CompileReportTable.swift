import SmeltCodegen

/// The compile report as `smelt compile` prints it.
///
/// ```
/// #  layer  op       output      MACs   weights  activations  arena offset
/// -  -----  -------  ---------  ------  -------  -----------  ------------
/// 0  conv1  Conv2D   [6, 6, 8]   2,592       80          288             0
/// ...
/// flash 10,424 B (weights 8,258, tables 256, params 1,910; kernel code not included)
/// RAM   1,056 B (activation arena)
/// ```
public enum CompileReportTable {
    /// Per layer: index, name, op, output shape, MACs, weight bytes, activation bytes, arena offset.
    public static func render(_ report: CompileReport) -> String {
        var table = TextTable(
            headers: ["#", "layer", "op", "output", "MACs", "weights B", "activations B", "arena offset"],
            alignments: [.right, .left, .left, .left, .right, .right, .right, .right])
        for l in report.layers {
            table.add([String(l.index), l.name, l.op, NumberFormat.shape(l.outputShape), NumberFormat.grouped(l.macs),
                       NumberFormat.grouped(l.weightBytes), NumberFormat.grouped(l.activationBytes),
                       l.arenaOffset.map(NumberFormat.grouped) ?? "output"])
        }
        table.addFooter(["", "total", "", "", NumberFormat.grouped(report.totalMACs), NumberFormat.grouped(report.weightBytes), "", ""])
        return table.render() + totals(report)
    }

    /// The two totals lines: flash (estimate, constants only) and RAM (the arena).
    public static func totals(_ report: CompileReport) -> String {
        let g = NumberFormat.grouped
        return "flash \(g(report.flashBytes)) B (weights \(g(report.weightBytes)), tables \(g(report.tableBytes)), "
            + "params \(g(report.paramBytes)); kernel code not included)\n"
            + "RAM   \(g(report.ramBytes)) B (activation arena; input and output buffers are the caller's)\n"
    }
}
