import Foundation
import SmeltIR

/// The lookup tables of Sigmoid, Tanh and Softmax, computed at compile time in double.
/// The integer emulator and the C emitter both call these, so they hold the very same numbers.
///
/// int8 (and pow2) tables have 256 entries indexed by `x + 128`:
/// `table[x + 128] = clamp(round(f(s_in · (x − zp_in)) / s_out) + zp_out)` (round half away from zero).
/// Example, Sigmoid with input `1/16, 0` and output `1/256, −128`: `x = 16` is the real 1.0,
/// `sigmoid(1) = 0.7310586`, `· 256 = 187.15 → 187`, `− 128` → entry `table[144] = 59`.
///
/// int16 tables have 513 entries sampled every 128 input steps and are read with linear
/// interpolation (`LookupTables.interpolate`): entry `k` is the value at input `x = 128·k − 32768`.
public enum LookupTables {
    /// Output parameters the contract fixes for Sigmoid: int8 `1/256, −128`; int16 `1/32768, 0`;
    /// pow2 `2^-7, 0` (fractional bits 7).
    public static func sigmoidOutputParams(_ scheme: Scheme) -> QuantParams {
        switch scheme {
        case .int8: return QuantParams(scale: 1.0 / 256, zeroPoint: -128)
        case .int16: return QuantParams(scale: 1.0 / 32768, zeroPoint: 0)
        case .pow2: return ParameterChoice.powerOfTwo(fractionalBits: 7)
        }
    }

    /// Output parameters for Tanh: int8 `1/128, 0`; int16 `1/32768, 0`; pow2 `2^-7, 0`.
    public static func tanhOutputParams(_ scheme: Scheme) -> QuantParams {
        switch scheme {
        case .int8: return QuantParams(scale: 1.0 / 128, zeroPoint: 0)
        case .int16: return QuantParams(scale: 1.0 / 32768, zeroPoint: 0)
        case .pow2: return ParameterChoice.powerOfTwo(fractionalBits: 7)
        }
    }

    /// Output parameters for Softmax: the same as Sigmoid's (a probability in [0, 1)).
    public static func softmaxOutputParams(_ scheme: Scheme) -> QuantParams { sigmoidOutputParams(scheme) }

    /// The logistic function `1 / (1 + e^−x)`.
    public static func logistic(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }

    /// 256-entry int8 Sigmoid table (int8 and pow2 schemes).
    public static func sigmoid(inputParams: QuantParams, outputParams: QuantParams) -> [Int8] {
        int8Table(logistic, inputParams: inputParams, outputParams: outputParams)
    }

    /// 256-entry int8 Tanh table (int8 and pow2 schemes).
    public static func tanh(inputParams: QuantParams, outputParams: QuantParams) -> [Int8] {
        int8Table(Foundation.tanh, inputParams: inputParams, outputParams: outputParams)
    }

    /// 513-entry int16 Sigmoid table for `interpolate`.
    public static func sigmoid16(inputParams: QuantParams, outputParams: QuantParams) -> [Int16] {
        int16Table(logistic, inputParams: inputParams, outputParams: outputParams)
    }

    /// 513-entry int16 Tanh table for `interpolate`.
    public static func tanh16(inputParams: QuantParams, outputParams: QuantParams) -> [Int16] {
        int16Table(Foundation.tanh, inputParams: inputParams, outputParams: outputParams)
    }

    /// Any function as a 256-entry int8 table, `table[x + 128]` (see the type's summary).
    public static func int8Table(_ f: (Double) -> Double, inputParams: QuantParams, outputParams: QuantParams) -> [Int8] {
        (-128...127).map { x in
            Int8(requantizeReal(f(real(x, inputParams)), outputParams, -128...127))
        }
    }

    /// Any function as a 513-entry int16 table: entry `k` holds `f` at input `x = 128·k − 32768`
    /// (the last entry, `x = 32768`, lies one step past int16 and only serves interpolation).
    public static func int16Table(_ f: (Double) -> Double, inputParams: QuantParams, outputParams: QuantParams) -> [Int16] {
        (0...512).map { k in
            Int16(requantizeReal(f(real(128 * k - 32768, inputParams)), outputParams, -32768...32767))
        }
    }

    /// Reads a 513-entry table at int16 input `x`: `u = x + 32768`, `i = u >> 7`, `f = u & 127`,
    /// result `(t[i] · (128 − f) + t[i+1] · f + 64) >> 7` (arithmetic shift).
    /// Example: `t[i] = 100`, `t[i+1] = 103`, `f = 64` →
    /// `(100·64 + 103·64 + 64) >> 7 = 13056 >> 7 = 102` (101.5, ties round up).
    public static func interpolate(_ table: [Int16], at x: Int32) -> Int32 {
        let u = x + 32768
        let i = Int(u >> 7), f = u & 127
        let v = Int32(table[i]) * (128 - f) + Int32(table[i + 1]) * f + 64
        return v >> 7
    }

    /// The Softmax exponential table in Q16 (`65536` is 1.0), indexed by `d = x_max − x_i ≥ 0`.
    /// int8 / pow2: 256 entries, `table[d] = round(e^(−s_in · d) · 65536)`.
    /// int16: 513 entries for `interpolateExp`, `table[k] = round(e^(−s_in · 128k) · 65536)`.
    /// Example (int8, `s_in = 0.1`): `table[0] = 65536`, `table[10] = round(65536 / e) = 24109`.
    public static func softmaxExp(inputParams: QuantParams, dtype: DType) -> [Int32] {
        let s = Double(inputParams.scales[0])
        let count = dtype == .int16 ? 513 : 256
        let step = dtype == .int16 ? 128.0 : 1.0
        return (0..<count).map { k in Int32((Foundation.exp(-s * step * Double(k)) * 65536).rounded(.toNearestOrAwayFromZero)) }
    }

    /// Reads the 513-entry int16 exp table at `d` in `[0, 65535]`: `i = d >> 7`, `f = d & 127`,
    /// `(t[i] · (128 − f) + t[i+1] · f + 64) >> 7`.
    public static func interpolateExp(_ table: [Int32], at d: Int32) -> Int32 {
        let i = Int(d >> 7), f = d & 127
        return (table[i] * (128 - f) + table[i + 1] * f + 64) >> 7
    }

    /// The Softmax output factor `R = round(1 / s_out)`: 256 (int8), 32768 (int16), 128 (pow2).
    public static func softmaxOutputFactor(outputParams: QuantParams) -> Int64 {
        Int64((1 / Double(outputParams.scales[0])).rounded(.toNearestOrAwayFromZero))
    }

    /// `s · (x − zp)` in double.
    static func real(_ x: Int, _ p: QuantParams) -> Double {
        Double(p.scales[0]) * Double(x - Int(p.zeroPoints[0]))
    }

    /// `clamp(round(y / s) + zp)` in double, half away from zero.
    static func requantizeReal(_ y: Double, _ p: QuantParams, _ range: ClosedRange<Int>) -> Int {
        let q = (y / Double(p.scales[0])).rounded(.toNearestOrAwayFromZero) + Double(p.zeroPoints[0])
        return Int(max(Double(range.lowerBound), min(Double(range.upperBound), q)))
    }
}
