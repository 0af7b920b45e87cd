import SmeltQuant

extension IntegerKernels {
    /// Unfused ReLU / ReLU6: `clamp(x, activationMin, activationMax)` (output params = input params).
    static func clamp(_ x: [Int32], rq: Requantization) -> [Int32] {
        x.map { rq.clampOutput(Int64($0)) }
    }

    /// Sigmoid / Tanh through a 256-entry int8 table: `out = table[x + 128]`.
    static func lookup8(_ x: [Int32], table: [Int8]) -> [Int32] {
        x.map { Int32(table[Int($0) + 128]) }
    }

    /// Sigmoid / Tanh through a 513-entry int16 table: `LookupTables.interpolate(table, at: x)`.
    static func lookup16(_ x: [Int32], table: [Int16]) -> [Int32] {
        x.map { LookupTables.interpolate(table, at: $0) }
    }
}
