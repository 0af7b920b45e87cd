/// C sources of the kernel equivalence firmware (see `KernelEquivalenceTests`).
///
/// Three builds of the same kernel files are linked together: `dsp_*` (the board's own paths,
/// SMELT_DSP on a Cortex-M4/M7), `small_*` (the same with SMELT_IM2COL_MAX = SMELT_DENSE_SPLIT_MAX = 20, so large patches and inputs
/// take the fallback) and `port_*` (SMELT_PORTABLE). `main.c` draws random shapes with a fixed
/// seed, runs all three and a naive reference written here from the kernel contract
/// (smelt_kernels.h), and prints `kernel-check ok CASES` or the first mismatch.
enum KernelCheckProgram {
    static func variant(prefix: String, defines: String) -> String {
        """
        \(defines)
        #define smelt_conv2d_s8 \(prefix)_conv2d_s8
        #define smelt_depthwise_s8 \(prefix)_depthwise_s8
        #define smelt_dense_s8 \(prefix)_dense_s8
        #include "smelt_kernels.h"
        #include "smelt_conv2d_s8.c"
        #include "smelt_depthwise_s8.c"
        #include "smelt_dense_s8.c"

        """
    }

    static let files: [String: String] = [
        "dsp.c": variant(prefix: "dsp", defines: ""),
        "small.c": variant(prefix: "small", defines: "#define SMELT_IM2COL_MAX 20\n#define SMELT_DENSE_SPLIT_MAX 20\n#define SMELT_PW_ACC_MAX 4\n#define SMELT_DW_ACC_MAX 8\n#define SMELT_MV_ACC_MAX 8"),
        "port.c": variant(prefix: "port", defines: "#define SMELT_PORTABLE 1"),
        "main.c": main,
    ]

    static let main = """
        #include <stdint.h>
        #include "semihost.h"
        #include "smelt_kernels.h"

        #define DECLARE(p) \\
            void p##_conv2d_s8(const smelt_conv_params *, const int8_t *, const int8_t *, const int32_t *, int8_t *); \\
            void p##_depthwise_s8(const smelt_conv_params *, const int8_t *, const int8_t *, const int32_t *, int8_t *); \\
            void p##_dense_s8(const smelt_dense_params *, const int8_t *, const int8_t *, const int32_t *, int8_t *);
        DECLARE(dsp)
        DECLARE(small)
        DECLARE(port)

        static uint32_t rng = 12345u;
        static uint32_t next(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }
        static int32_t range(int32_t lo, int32_t hi) { return lo + (int32_t)(next() % (uint32_t)(hi - lo + 1)); }

        #define MAXA 6000
        #define MAXW 12000
        #define MAXC 80
        static int8_t in[MAXA], w[MAXW], out_ref[MAXA], out_a[MAXA], out_b[MAXA], out_c[MAXA];
        static int32_t bias[MAXC], mult[MAXC], shft[MAXC];

        static int32_t requant(const smelt_requant *q, int32_t acc, int32_t c) {
            return smelt_offset_clamp(smelt_mbqm(acc, q->multiplier[c], q->shift[c]), q->output_offset, q->act_min, q->act_max);
        }

        /* The kernel contract, written as plainly as possible. */
        static void ref_conv(const smelt_conv_params *p, int depthwise, const int32_t *b) {
            int32_t y, x, o, ky, kx, i;
            for (y = 0; y < p->out_h; ++y) for (x = 0; x < p->out_w; ++x) for (o = 0; o < p->out_c; ++o) {
                int32_t acc = b ? b[o] : 0;
                for (ky = 0; ky < p->k_h; ++ky) for (kx = 0; kx < p->k_w; ++kx) {
                    const int32_t iy = y * p->stride_h - p->pad_top + ky, ix = x * p->stride_w - p->pad_left + kx;
                    if (iy < 0 || iy >= p->in_h || ix < 0 || ix >= p->in_w) continue;
                    if (depthwise) {
                        acc += (in[(iy * p->in_w + ix) * p->in_c + o] + p->q.input_offset) * w[(ky * p->k_w + kx) * p->out_c + o];
                    } else {
                        for (i = 0; i < p->in_c; ++i)
                            acc += (in[(iy * p->in_w + ix) * p->in_c + i] + p->q.input_offset)
                                 * w[((o * p->k_h + ky) * p->k_w + kx) * p->in_c + i];
                    }
                }
                out_ref[(y * p->out_w + x) * p->out_c + o] = (int8_t)requant(&p->q, acc, o);
            }
        }

        static void fill(int32_t n_in, int32_t n_w, int32_t n_c, int32_t shift_lo, int32_t shift_hi, smelt_requant *q) {
            int32_t i;
            const int32_t zin = range(-128, 127);
            for (i = 0; i < n_in; ++i) in[i] = (int8_t)range(-128, 127);
            for (i = 0; i < n_w; ++i) w[i] = (int8_t)range(-128, 127);
            for (i = 0; i < n_c; ++i) {
                bias[i] = range(-40000, 40000);
                mult[i] = (int32_t)(0x40000000u + (next() & 0x3FFFFFFFu));
                shft[i] = range(shift_lo, shift_hi);
            }
            q->input_offset = -zin;
            q->output_offset = range(-128, 127);
            q->act_min = next() & 1 ? -128 : q->output_offset;
            if (q->act_min < -128) q->act_min = -128;
            q->act_max = next() % 4 == 0 ? (q->act_min + 60 > 127 ? 127 : q->act_min + 60) : 127;
            q->multiplier = mult;
            q->shift = shft;
        }

        static int compare(const char *what, int32_t n, int32_t cs, const smelt_conv_params *p) {
            int32_t i;
            for (i = 0; i < n; ++i) {
                if (out_a[i] != out_ref[i] || out_b[i] != out_ref[i] || out_c[i] != out_ref[i]) {
                    smelt_sh_puts("kernel-check MISMATCH ");
                    smelt_sh_puts(what);
                    smelt_sh_puts(" case ");
                    smelt_sh_put_int(cs);
                    smelt_sh_puts(" index ");
                    smelt_sh_put_int(i);
                    smelt_sh_puts(" ref/dsp/small/portable ");
                    smelt_sh_put_int(out_ref[i]); smelt_sh_putc(' ');
                    smelt_sh_put_int(out_a[i]); smelt_sh_putc(' ');
                    smelt_sh_put_int(out_b[i]); smelt_sh_putc(' ');
                    smelt_sh_put_int(out_c[i]);
                    if (p) {
                        smelt_sh_puts(" shape in ");
                        smelt_sh_put_int(p->in_h); smelt_sh_putc('x'); smelt_sh_put_int(p->in_w); smelt_sh_putc('x'); smelt_sh_put_int(p->in_c);
                        smelt_sh_puts(" k "); smelt_sh_put_int(p->k_h); smelt_sh_putc('x'); smelt_sh_put_int(p->k_w);
                        smelt_sh_puts(" s "); smelt_sh_put_int(p->stride_h); smelt_sh_putc(','); smelt_sh_put_int(p->stride_w);
                        smelt_sh_puts(" out_c "); smelt_sh_put_int(p->out_c);
                    }
                    smelt_sh_putc('\\n');
                    return 1;
                }
            }
            return 0;
        }

        static void conv_shape(smelt_conv_params *p, int depthwise) {
            const int pointwise = next() % 3 == 0;
            int same = (int)(next() & 1);
            int32_t th, tw;
            p->k_h = pointwise ? 1 : range(1, 5);
            p->k_w = pointwise ? 1 : range(1, 5);
            if (depthwise && next() % 2 == 0) { p->k_h = 3; p->k_w = 3; }
            p->stride_h = range(1, 2);
            p->stride_w = range(1, 2);
            p->in_h = range(p->k_h, 9);
            p->in_w = range(p->k_w, 9);
            p->in_c = depthwise ? range(1, 37) : (pointwise ? range(1, 70) : range(1, 13));
            p->out_c = depthwise ? p->in_c : range(1, 19);
            if (same) {
                p->out_h = (p->in_h + p->stride_h - 1) / p->stride_h;
                p->out_w = (p->in_w + p->stride_w - 1) / p->stride_w;
                th = (p->out_h - 1) * p->stride_h + p->k_h - p->in_h;
                tw = (p->out_w - 1) * p->stride_w + p->k_w - p->in_w;
                p->pad_top = th > 0 ? th / 2 : 0;
                p->pad_left = tw > 0 ? tw / 2 : 0;
            } else {
                p->out_h = (p->in_h - p->k_h) / p->stride_h + 1;
                p->out_w = (p->in_w - p->k_w) / p->stride_w + 1;
                p->pad_top = 0;
                p->pad_left = 0;
            }
        }

        int main(void) {
            int32_t cs, cases = 0;
            for (cs = 0; cs < 300; ++cs) {
                smelt_conv_params p;
                const int depthwise = cs % 2;
                const int32_t *b;
                int32_t n_out, n_w;
                conv_shape(&p, depthwise);
                n_w = depthwise ? p.k_h * p.k_w * p.in_c : p.out_c * p.k_h * p.k_w * p.in_c;
                n_out = p.out_h * p.out_w * p.out_c;
                fill(p.in_h * p.in_w * p.in_c, n_w, p.out_c, cs % 5 == 0 ? -3 : -14, cs % 5 == 0 ? 2 : -6, &p.q);
                b = cs % 7 == 3 ? 0 : bias;
                ref_conv(&p, depthwise, b);
                if (depthwise) {
                    dsp_depthwise_s8(&p, in, w, b, out_a); small_depthwise_s8(&p, in, w, b, out_b); port_depthwise_s8(&p, in, w, b, out_c);
                } else {
                    dsp_conv2d_s8(&p, in, w, b, out_a); small_conv2d_s8(&p, in, w, b, out_b); port_conv2d_s8(&p, in, w, b, out_c);
                }
                if (compare(depthwise ? "depthwise" : "conv2d", n_out, cs, &p)) return 1;
                ++cases;
            }
            for (cs = 0; cs < 150; ++cs) {
                smelt_dense_params d;
                smelt_conv_params p;
                const int32_t *b = cs % 7 == 3 ? 0 : bias;
                d.in_features = range(1, 150);
                d.out_features = range(1, 23);
                fill(d.in_features, d.in_features * d.out_features, d.out_features, cs % 5 == 0 ? -3 : -14, cs % 5 == 0 ? 2 : -6, &d.q);
                /* A dense layer is a 1 x 1 convolution of one pixel. */
                p.in_h = p.in_w = p.out_h = p.out_w = 1;
                p.in_c = d.in_features; p.out_c = d.out_features;
                p.k_h = p.k_w = p.stride_h = p.stride_w = 1;
                p.pad_top = p.pad_left = 0;
                p.q = d.q;
                ref_conv(&p, 0, b);
                dsp_dense_s8(&d, in, w, b, out_a); small_dense_s8(&d, in, w, b, out_b); port_dense_s8(&d, in, w, b, out_c);
                if (compare("dense", d.out_features, cs, 0)) return 1;
                ++cases;
            }
            smelt_sh_puts("kernel-check ok ");
            smelt_sh_put_int(cases);
            smelt_sh_putc('\\n');
            return 0;
        }

        """
}
