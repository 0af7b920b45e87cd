/* smelt_depthwise_s8.c - depthwise 2-D convolution (depth multiplier 1), int8 activations, int8 weights, int32 bias.
 *
 * out[y][x][c] = clamp(requant(bias[c] + sum_{ky,kx} (in[iy][ix][c] + input_offset) * w[ky][kx][c])
 *                      + output_offset), iy = y * stride_h - pad_top + ky (taps outside the input skipped).
 *
 * The valid tap rectangle of each output pixel is computed once. DSP path (SMELT_DSP): four channels
 * per step; each tap loads one input word and one weight word, splits both with SXTB16 (the input
 * with its offset, SXTAB16) and multiply-accumulates each channel with SMLABB / SMLATT. A 3 x 3
 * kernel whose taps are all inside the input takes a fully unrolled copy. The products and sums
 * are those of the portable loop, so the outputs are identical (docs/kernels.md). */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

#ifdef SMELT_DSP
/* One tap for four channels: input word at in, weight word at w. */
#define SMELT_DW_TAP(in, w) do { \
        const uint32_t x_ = smelt_ld4(in), w_ = smelt_ld4(w); \
        const uint32_t xl_ = smelt_sxtab16(off2, x_), xh_ = smelt_sxtab16_ror8(off2, x_); \
        const uint32_t wl_ = smelt_sxtb16(w_), wh_ = smelt_sxtb16_ror8(w_); \
        a0 = smelt_smlabb(xl_, wl_, a0); a2 = smelt_smlatt(xl_, wl_, a2); \
        a1 = smelt_smlabb(xh_, wh_, a1); a3 = smelt_smlatt(xh_, wh_, a3); \
    } while (0)
#endif

#ifndef SMELT_DW_ACC_MAX
#define SMELT_DW_ACC_MAX 128 /* channels whose accumulators the DSP path keeps per pixel (512 bytes; multiple of 4) */
#endif

#ifndef SMELT_DW_CHUNK
#define SMELT_DW_CHUNK 32 /* channels accumulated together by the portable path (128 stack bytes) */
#endif

/* One output pixel, all channels. (iy0, ix0): its top-left tap. */
static void smelt_depthwise_s8_pixel(const smelt_conv_params *p, const int8_t *input, const int8_t *weight,
    const int32_t *bias, int8_t *out, int32_t iy0, int32_t ix0)
{
    const int32_t ky0 = iy0 < 0 ? -iy0 : 0;
    const int32_t ky1 = iy0 + p->k_h > p->in_h ? p->in_h - iy0 : p->k_h;
    const int32_t kx0 = ix0 < 0 ? -ix0 : 0;
    const int32_t kx1 = ix0 + p->k_w > p->in_w ? p->in_w - ix0 : p->k_w;
    const int32_t nc = p->in_c;
    const int32_t off = p->q.input_offset;
    const int8_t *in0 = input + ((iy0 + ky0) * p->in_w + ix0 + kx0) * nc;
    const int8_t *w0 = weight + (ky0 * p->k_w + kx0) * nc;
    const int32_t row_in = p->in_w * nc;
    const int32_t row_w = p->k_w * nc;
    int32_t c = 0, ky, kx;
#ifdef SMELT_DSP
    const uint32_t off2 = smelt_pack_offset(off);
    int32_t acc4[SMELT_DW_ACC_MAX]; /* accumulators of a chunk of channels: one requantization call */
    const int full3x3 = p->k_h == 3 && p->k_w == 3 && ky0 == 0 && kx0 == 0 && ky1 == 3 && kx1 == 3;
    const int32_t nc4 = nc & ~3;
    int32_t c0;
    for (c0 = 0; c0 < nc4; c0 += SMELT_DW_ACC_MAX) {
        const int32_t c1 = nc4 - c0 > SMELT_DW_ACC_MAX ? c0 + SMELT_DW_ACC_MAX : nc4;
        int32_t *pa = acc4;
        if (full3x3) {
            const int32_t nc2 = 2 * nc;
            for (c = c0; c < c1; c += 4, pa += 4) {
                const int8_t *r = in0 + c;
                const int8_t *w = w0 + c;
                int32_t a0 = bias != 0 ? bias[c] : 0;
                int32_t a1 = bias != 0 ? bias[c + 1] : 0;
                int32_t a2 = bias != 0 ? bias[c + 2] : 0;
                int32_t a3 = bias != 0 ? bias[c + 3] : 0;
                int32_t ky3;
                for (ky3 = 0; ky3 < 3; ++ky3, r += row_in, w += row_w) {
                    SMELT_DW_TAP(r, w); SMELT_DW_TAP(r + nc, w + nc); SMELT_DW_TAP(r + nc2, w + nc2);
                }
                pa[0] = a0;
                pa[1] = a1;
                pa[2] = a2;
                pa[3] = a3;
            }
        } else {
            for (c = c0; c < c1; c += 4, pa += 4) {
                int32_t a0 = bias != 0 ? bias[c] : 0;
                int32_t a1 = bias != 0 ? bias[c + 1] : 0;
                int32_t a2 = bias != 0 ? bias[c + 2] : 0;
                int32_t a3 = bias != 0 ? bias[c + 3] : 0;
                const int8_t *r = in0 + c;
                const int8_t *w = w0 + c;
                for (ky = ky0; ky < ky1; ++ky, r += row_in, w += row_w) {
                    const int8_t *ri = r;
                    const int8_t *wi = w;
                    for (kx = kx0; kx < kx1; ++kx, ri += nc, wi += nc) {
                        SMELT_DW_TAP(ri, wi);
                    }
                }
                pa[0] = a0;
                pa[1] = a1;
                pa[2] = a2;
                pa[3] = a3;
            }
        }
        smelt_requant_n_s8(&p->q, acc4, c0, out, c1 - c0);
    }
    c = nc4;
#endif
    /* Portable path (and the DSP path's last channels): runs of up to SMELT_DW_CHUNK channels,
     * each tap one contiguous elementwise multiply-add into a small accumulator array. */
    while (c < nc) {
        int32_t acc[SMELT_DW_CHUNK];
        const int32_t m = nc - c < SMELT_DW_CHUNK ? nc - c : SMELT_DW_CHUNK;
        const int8_t *r = in0 + c;
        const int8_t *w = w0 + c;
        int32_t j;
        for (j = 0; j < m; ++j) {
            acc[j] = bias != 0 ? bias[c + j] : 0;
        }
        for (ky = ky0; ky < ky1; ++ky, r += row_in, w += row_w) {
            const int8_t *ri = r;
            const int8_t *wi = w;
            for (kx = kx0; kx < kx1; ++kx, ri += nc, wi += nc) {
                smelt_madd_s8(ri, wi, m, off, acc);
            }
        }
        smelt_requant_n_s8(&p->q, acc, c, out, m);
        c += m;
    }
}

SMELT_API void smelt_depthwise_s8(const smelt_conv_params *p, const int8_t *input, const int8_t *weight,
    const int32_t *bias, int8_t *output)
{
    int32_t y, x;
    for (y = 0; y < p->out_h; ++y) {
        for (x = 0; x < p->out_w; ++x) {
            smelt_depthwise_s8_pixel(p, input, weight, bias, output + (y * p->out_w + x) * p->out_c,
                                     y * p->stride_h - p->pad_top, x * p->stride_w - p->pad_left);
        }
    }
}
