import Foundation
import Testing
import SmeltIR
import SmeltQuant
@testable import SmeltCodegen

/// The C kernels compiled on their own (not pasted by the emitter), as a library user would:
/// hand-computed cases, and the fixed-point helpers against SmeltQuant's `FixedPoint` on random inputs.
@Suite("C kernels, compiled standalone")
struct KernelUnitTests {
    /// Every kernel file plus `main.c`.
    static func files(main: String) throws -> [String: String] {
        var files = ["main.c": main]
        for f in try KernelLibrary.allFiles() { files[f] = try KernelLibrary.text(of: f) }
        return files
    }

    /// A C driver reading `op x multiplier shift` lines: op 1 = `smelt_mbqm`, 2 = `smelt_mbqm_wide`,
    /// 3 = `smelt_rounding_shift`; prints one result per line.
    static let requantDriver = """
    #include <stdio.h>
    #include "smelt_kernels.h"
    int main(void)
    {
        int op;
        long long x, m, s;
        while (scanf("%d %lld %lld %lld", &op, &x, &m, &s) == 4) {
            long r;
            if (op == 1) {
                r = (long)smelt_mbqm((int32_t)x, (int32_t)m, (int32_t)s);
            } else if (op == 2) {
                r = (long)smelt_mbqm_wide((int64_t)x, (int32_t)m, (int32_t)s);
            } else {
                r = (long)smelt_rounding_shift((int32_t)x, (int32_t)s);
            }
            printf("%ld\\n", r);
        }
        return 0;
    }
    """

    @Test("hand-computed fixed-point examples")
    func fixedPointExamples() throws {
        let main = """
        #include <stdio.h>
        #include "smelt_kernels.h"
        int main(void)
        {
            printf("%ld %ld %ld\\n", (long)smelt_srdhm(1 << 30, 1 << 30), (long)smelt_srdhm(-(1 << 30), 1), (long)smelt_srdhm(INT32_MIN, INT32_MIN));
            printf("%ld %ld %ld %ld\\n", (long)smelt_rounding_divide_by_pot(5, 1), (long)smelt_rounding_divide_by_pot(-5, 1),
                   (long)smelt_rounding_divide_by_pot(-6, 2), (long)smelt_rounding_divide_by_pot(6, 2));
            printf("%ld %ld\\n", (long)smelt_mbqm(1000, 1518500250, -3), (long)smelt_mbqm_wide(1000, 1077952576, -7));
            printf("%ld %ld %ld\\n", (long)smelt_rounding_shift(300, 4), (long)smelt_rounding_shift(-24, 4), (long)smelt_rounding_shift(5, -3));
            printf("%ld %ld\\n", (long)smelt_mbqm(INT32_MAX, 1073741824, 2), (long)smelt_offset_clamp(INT32_MAX, 5, -128, 127));
            return 0;
        }
        """
        // Last line: INT32_MAX << 2 saturates (a wrap would give -4 and then -2) before the
        // multiplier 0.5: 2147483647 · 0.5 = 1073741823.5 rounds up; offset_clamp sums in 64 bits.
        for cc in CCompiler.available {
            let exe = try cc.build(files: Self.files(main: main))
            let out = try cc.run(exe, stdin: "").split(separator: "\n").map(String.init)
            #expect(out == ["536870912 0 2147483647", "3 -3 -2 2", "88 4", "19 -2 40", "1073741824 127"], "\(cc)")
        }
    }

    @Test("fixed-point helpers equal FixedPoint on 3000 random inputs")
    func fixedPointRandom() throws {
        var rng = SplitMix64(seed: 99)
        var lines: [String] = []
        var expected: [String] = []
        let edges: [Int32] = [0, 1, -1, Int32.max, Int32.min, 1 << 30, -(1 << 30)]
        for i in 0..<1000 {
            let a = i < edges.count ? edges[i] : Int32.random(in: .min ... .max, using: &rng)
            let small = Int32.random(in: -40000...40000, using: &rng)
            let (m, s) = FixedPoint.quantizeMultiplier(Double.random(in: 1e-6...4, using: &rng))
            lines.append("1 \(a) \(m) \(s)")
            expected.append(String(FixedPoint.multiplyByQuantizedMultiplier(i % 2 == 0 ? a : small, m, s)))
            lines[lines.count - 1] = "1 \(i % 2 == 0 ? a : small) \(m) \(s)"
            let wide = Int64.random(in: -(1 << 50)...(1 << 50), using: &rng)
            let ws = min(s, 14)
            lines.append("2 \(wide) \(m) \(ws)")
            expected.append(String(FixedPoint.multiplyByQuantizedMultiplierWide(wide, m, ws)))
            let r = Int.random(in: -31...31, using: &rng)
            lines.append("3 \(a) 0 \(r)")
            expected.append(String(FixedPoint.roundingShift(a, r)))
        }
        let main = Self.requantDriver
        for cc in CCompiler.available {
            let exe = try cc.build(files: Self.files(main: main))
            let out = try cc.run(exe, stdin: lines.joined(separator: "\n") + "\n").split(separator: "\n").map(String.init)
            #expect(out.count == expected.count)
            let bad = zip(lines, zip(out, expected)).filter { $0.1.0 != $0.1.1 }
            #expect(bad.isEmpty, "\(cc): \(bad.count) differ, first \(bad.first.map { "\($0.0): C \($0.1.0), Swift \($0.1.1)" } ?? "")")
        }
    }

    @Test("hand-computed Dense, Conv2D (same padding), AveragePool, Softmax and int16 table kernels")
    func kernelExamples() throws {
        let main = """
        #include <stdio.h>
        #include "smelt_kernels.h"
        static void show(const int8_t *v, int n)
        {
            int i;
            for (i = 0; i < n; ++i) {
                printf("%d ", v[i]);
            }
            printf("\\n");
        }
        int main(void)
        {
            /* Dense: x = [1, 2, 3], zp_in -1, w = [[1, 0, -1], [2, 2, 2]], bias [10, -4], scale 0.5, zp_out 3:
             * acc = [10 + 2 - 4, -4 + 4 + 6 + 8] = [8, 14] -> [4, 7] + 3 = [7, 10]. */
            static const int8_t x[3] = {1, 2, 3}, w[6] = {1, 0, -1, 2, 2, 2};
            static const int32_t b[2] = {10, -4}, half[2] = {1073741824, 1073741824}, zero[2] = {0, 0};
            static const smelt_dense_params dp = {3, 2, {1, 3, -128, 127, half, zero}};
            /* Conv2D 3x3 of ones over 1..9 with same padding, multiplier 1.0 (2^30, shift 1). */
            static const int8_t img[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9}, ones[9] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
            static const int32_t one_m[1] = {1073741824}, one_s[1] = {1};
            static const smelt_conv_params cp = {3, 3, 1, 3, 3, 1, 3, 3, 1, 1, 1, 1, {0, 0, -128, 127, one_m, one_s}};
            /* AveragePool 1x2 windows: [-1, -2] -> -2 (-1.5), [1, 2] -> 2 (1.5), [2, 3] -> 3 (2.5). */
            static const int8_t pin[6] = {-1, -2, 1, 2, 2, 3};
            static const smelt_pool_params pp = {3, 2, 1, 3, 1, 1, 2, 1, 2, 0, 0, -128, 127};
            /* Softmax of two equal values: (2^24 + 2^16) / 2^17 - 128 = 0. */
            static int32_t table[256];
            static const int8_t sin[2] = {5, 5};
            smelt_softmax_params sp = {1, 2, 256, -128, -128, 127, 0};
            /* int16 table: t[i] = 100, t[i+1] = 103 at u = 64 -> 102; last entry read at x = 32767. */
            static int16_t t16[513];
            static const int16_t lin[2] = {-32768 + 64, 32767};
            int16_t lout[2];
            smelt_lut_params lp = {2, 0, t16};
            int8_t out[9];
            smelt_dense_s8(&dp, x, w, b, out);
            show(out, 2);
            smelt_conv2d_s8(&cp, img, ones, 0, out);
            show(out, 9);
            smelt_avgpool_s8(&pp, pin, out);
            show(out, 3);
            table[0] = 65536;
            sp.exp_table = table;
            smelt_softmax_s8(&sp, sin, out);
            show(out, 2);
            t16[0] = 100;
            t16[1] = 103;
            t16[511] = 2000;
            t16[512] = 3000;
            smelt_lut_s16(&lp, lin, lout);
            printf("%d %d\\n", lout[0], lout[1]);
            return 0;
        }
        """
        for cc in CCompiler.available {
            let exe = try cc.build(files: Self.files(main: main))
            let out = try cc.run(exe, stdin: "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            // lut: x = 32767 → u = 65535, i = 511, f = 127: (2000·1 + 3000·127 + 64) >> 7 = 2992.
            #expect(out == ["7 10", "12 21 16 27 45 33 24 39 28", "-2 2 3", "0 0", "102 2992"], "\(cc)")
        }
    }
}
