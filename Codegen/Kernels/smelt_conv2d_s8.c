/* smelt_conv2d_s8.c - 2-D convolution, int8 activations, int8 weights, int32 bias.
 *
 * out[y][x][o] = clamp(requant(bias[o] + sum_{ky,kx,i} (in[iy][ix][i] + input_offset) * w[o][ky][kx][i])
 *                      + output_offset), iy = y * stride_h - pad_top + ky (taps outside the input skipped).
 *
 * Paths (all add the same exact products, so the int32 sums and outputs are identical; docs/kernels.md):
 * - 1 x 1 kernels (pointwise): no im2col; portable: two output channels share each input load;
 *   DSP (SMELT_DSP): 2 pixels x 2 output channels per step, four inputs per SMLAD pair.
 * - other kernels, DSP: each output pixel's patch is gathered once into an int16 column (offset
 *   added, padded taps 0, pairs in SXTB16 order), then 4 output channels per step take SMLADs.
 * - other kernels, portable (and DSP patches larger than SMELT_IM2COL_MAX): the valid tap rectangle
 *   of each pixel is computed once and each kernel row is a contiguous dot product. */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

#ifndef SMELT_PW_ACC_MAX
#define SMELT_PW_ACC_MAX 128 /* output channels whose accumulators the DSP 1 x 1 path keeps (1 KiB) */
#endif

#ifndef SMELT_IM2COL_MAX
#define SMELT_IM2COL_MAX 512 /* int16 patch elements kept on the stack by the DSP path (1 KiB) */
#endif

/* One output pixel, every output channel, portable. (iy0, ix0): top-left tap; [ky0, ky1) x [kx0, kx1) valid. */
static void smelt_conv2d_s8_pixel(const smelt_conv_params *p, const int8_t *input, const int8_t *weight,
    const int32_t *bias, int8_t *out, int32_t iy0, int32_t ix0)
{
    const int32_t ky0 = iy0 < 0 ? -iy0 : 0;
    const int32_t ky1 = iy0 + p->k_h > p->in_h ? p->in_h - iy0 : p->k_h;
    const int32_t kx0 = ix0 < 0 ? -ix0 : 0;
    const int32_t kx1 = ix0 + p->k_w > p->in_w ? p->in_w - ix0 : p->k_w;
    const int32_t span = (kx1 - kx0) * p->in_c;
    const int32_t patch = p->k_h * p->k_w * p->in_c;
    const int32_t off = p->q.input_offset;
    const int32_t ky_end = span > 0 ? ky1 : ky0; /* no valid column: only the bias */
    int32_t o, ky;
    for (o = 0; o + 2 <= p->out_c; o += 2) {
        int32_t acc[2];
        acc[0] = bias != 0 ? bias[o] : 0;
        acc[1] = bias != 0 ? bias[o + 1] : 0;
        for (ky = ky0; ky < ky_end; ++ky) {
            const int8_t *in = input + ((iy0 + ky) * p->in_w + ix0 + kx0) * p->in_c;
            const int8_t *w = weight + o * patch + (ky * p->k_w + kx0) * p->in_c;
            smelt_dot2_s8(in, w, w + patch, span, off, acc);
        }
        smelt_requant_n_s8(&p->q, acc, o, out, 2);
    }
    if (o < p->out_c) {
        int32_t acc = bias != 0 ? bias[o] : 0;
        for (ky = ky0; ky < ky_end; ++ky) {
            const int8_t *in = input + ((iy0 + ky) * p->in_w + ix0 + kx0) * p->in_c;
            const int8_t *w = weight + o * patch + (ky * p->k_w + kx0) * p->in_c;
            acc = smelt_dot1_s8(in, w, span, off, acc);
        }
        smelt_requant_n_s8(&p->q, &acc, o, out, 1);
    }
}

#ifdef SMELT_DSP
/* Four input channels of the 1 x 1 step: rows w0 and w0 + n, pixels a and b. */
#define SMELT_PW2_STEP() do { \
        const uint32_t al_ = c[0], ah_ = c[1], bl_ = c[2], bh_ = c[3]; \
        uint32_t w_ = smelt_ld4(w0 + n); \
        uint32_t wl_ = smelt_sxtb16(w_), wh_ = smelt_sxtb16_ror8(w_); \
        c += 4; \
        a1 = smelt_smlad(wl_, al_, a1); a1 = smelt_smlad(wh_, ah_, a1); \
        b1 = smelt_smlad(wl_, bl_, b1); b1 = smelt_smlad(wh_, bh_, b1); \
        w_ = smelt_ld4(w0); \
        w0 += 4; \
        wl_ = smelt_sxtb16(w_); \
        wh_ = smelt_sxtb16_ror8(w_); \
        a0 = smelt_smlad(wl_, al_, a0); a0 = smelt_smlad(wh_, ah_, a0); \
        b0 = smelt_smlad(wl_, bl_, b0); b0 = smelt_smlad(wh_, bh_, b0); \
    } while (0)

/* 1 x 1: pixels a and b (input vectors xa, xb of in_c values) to outputs oa, ob. Both pixels are
 * first split into int16 pairs with the offset added, interleaved per group of four channels as
 * (a lo, a hi, b lo, b hi) in col (4 * in_c bytes), so the inner loop needs only two LDRDs for its
 * activations: 2 weight words, 4 SXTB16 and 8 SMLAD per 16 multiply-accumulates. */
static void smelt_conv2d_s8_pw2(const smelt_conv_params *p, int32_t n, const int8_t *xa, const int8_t *xb,
    const int8_t *weight, const int32_t *bias, int8_t *oa, int8_t *ob, uint32_t *col)
{
    const int32_t n4 = n & ~3;
    const int32_t off = p->q.input_offset;
    const uint32_t off2 = smelt_pack_offset(off);
    const uint32_t *cend = col + n4;
    const int32_t pairs_end = p->out_c & ~1;
    int32_t acc[2 * SMELT_PW_ACC_MAX]; /* both pixels' accumulators */
    int32_t o, o0, k;
    for (k = 0; k < n4; k += 4) {
        const uint32_t ra = smelt_ld4(xa + k), rb = smelt_ld4(xb + k);
        col[k] = smelt_sxtab16(off2, ra);
        col[k + 1] = smelt_sxtab16_ror8(off2, ra);
        col[k + 2] = smelt_sxtab16(off2, rb);
        col[k + 3] = smelt_sxtab16_ror8(off2, rb);
    }
    /* channel pairs in chunks of SMELT_PW_ACC_MAX (even): accumulators kept, then one call each */
    for (o0 = 0; o0 < pairs_end; o0 += SMELT_PW_ACC_MAX) {
        const int32_t o1 = pairs_end - o0 > SMELT_PW_ACC_MAX ? o0 + SMELT_PW_ACC_MAX : pairs_end;
        int32_t *pa = acc;
        int32_t *pb = acc + SMELT_PW_ACC_MAX;
        for (o = o0; o < o1; o += 2) {
            const int8_t *w0 = weight + o * n; /* rows o and o + 1 at w0, w0 + n */
            const uint32_t *c = col;
            int32_t a0 = bias != 0 ? bias[o] : 0;
            int32_t a1 = bias != 0 ? bias[o + 1] : 0;
            int32_t b0 = a0;
            int32_t b1 = a1;
            if ((n4 & 4) != 0) {
                SMELT_PW2_STEP();
            }
            while (c != cend) {
                SMELT_PW2_STEP();
                SMELT_PW2_STEP();
            }
            for (k = n4; k < n; ++k, ++w0) {
                const int32_t va = (int32_t)xa[k] + off, vb = (int32_t)xb[k] + off;
                const int32_t u0 = w0[0], u1 = w0[n];
                a0 += va * u0; b0 += vb * u0;
                a1 += va * u1; b1 += vb * u1;
            }
            pa[0] = a0;
            pa[1] = a1;
            pb[0] = b0;
            pb[1] = b1;
            pa += 2;
            pb += 2;
        }
        smelt_requant_n_s8(&p->q, acc, o0, oa, o1 - o0);
        smelt_requant_n_s8(&p->q, acc + SMELT_PW_ACC_MAX, o0, ob, o1 - o0);
    }
    o = pairs_end;
    if (o < p->out_c) {
        const int8_t *w0 = weight + o * n;
        int32_t a0 = bias != 0 ? bias[o] : 0;
        int32_t b0 = a0;
        for (k = 0; k < n; ++k) {
            a0 += ((int32_t)xa[k] + off) * w0[k];
            b0 += ((int32_t)xb[k] + off) * w0[k];
        }
        smelt_requant_n_s8(&p->q, &a0, o, oa, 1);
        smelt_requant_n_s8(&p->q, &b0, o, ob, 1);
    }
}

/* Gathers the raw int8 patch of the pixel with top-left tap (iy0, ix0) into raw (k_h * k_w * in_c
 * values, returned, plus three zero bytes): a padded tap is stored as -offset, which fits int8
 * and becomes 0 once the offset is added, so it contributes 0 like a skipped tap. */
static int32_t smelt_conv2d_s8_gather(const smelt_conv_params *p, const int8_t *input, int8_t *raw,
    int32_t iy0, int32_t ix0)
{
    const int32_t off = p->q.input_offset;
    const int8_t pad = (int8_t)(-off);
    const int32_t nc = p->in_c;
    const int32_t kx0 = ix0 < 0 ? -ix0 : 0;
    const int32_t kx1 = ix0 + p->k_w > p->in_w ? p->in_w - ix0 : p->k_w;
    const int32_t row = p->k_w * nc;
    const int32_t left = kx0 * nc;
    const int32_t span = kx1 > kx0 ? (kx1 - kx0) * nc : 0;
    int32_t ky, i, k = 0;
    for (ky = 0; ky < p->k_h; ++ky, k += row) {
        const int32_t iy = iy0 + ky;
        int8_t *dst = raw + k;
        if (iy < 0 || iy >= p->in_h || span == 0) {
            for (i = 0; i < row; ++i) {
                dst[i] = pad;
            }
        } else {
            /* valid taps of the row are contiguous in the input: copied a word at a time */
            const int8_t *src = input + (iy * p->in_w + ix0 + kx0) * nc;
            int8_t *d = dst + left;
            int32_t len = span;
            for (i = 0; i < left; ++i) {
                dst[i] = pad;
            }
            for (i = left + span; i < row; ++i) {
                dst[i] = pad;
            }
            for (; len >= 4; len -= 4, src += 4, d += 4) {
                const uint32_t v = smelt_ld4(src);
                __builtin_memcpy(d, &v, 4);
            }
            if (len & 2) {
                d[0] = src[0];
                d[1] = src[1];
                d += 2;
                src += 2;
            }
            if (len & 1) {
                d[0] = src[0];
            }
        }
    }
    raw[k] = raw[k + 1] = raw[k + 2] = 0;
    return k;
}

/* The patch of one pixel as a split column for smelt_matvec_col_s8. */
static void smelt_conv2d_s8_im2col(const smelt_conv_params *p, const int8_t *input, uint32_t *col,
    int32_t iy0, int32_t ix0)
{
    int8_t raw[SMELT_IM2COL_MAX + 4];
    const uint32_t off2 = smelt_pack_offset(p->q.input_offset);
    const int32_t k = smelt_conv2d_s8_gather(p, input, raw, iy0, ix0);
    int32_t i;
    for (i = 0; i < k; i += 4) {
        const uint32_t x = smelt_ld4(raw + i);
        col[i >> 1] = smelt_sxtab16(off2, x);
        col[(i >> 1) + 1] = smelt_sxtab16_ror8(off2, x);
    }
}

#endif

SMELT_API void smelt_conv2d_s8(const smelt_conv_params *p, const int8_t *input, const int8_t *weight,
    const int32_t *bias, int8_t *output)
{
    const int32_t pixels = p->out_h * p->out_w;
    int32_t y, x;
    if (p->k_h == 1 && p->k_w == 1 && p->pad_top == 0 && p->pad_left == 0) {
        const int32_t n = p->in_c;
        int32_t px = 0;
#ifdef SMELT_DSP
        uint32_t col[SMELT_IM2COL_MAX / 2];
        for (; 2 * n <= SMELT_IM2COL_MAX && px + 2 <= pixels; px += 2) {
            const int32_t ya = px / p->out_w, xa = px - ya * p->out_w;
            const int32_t yb = (px + 1) / p->out_w, xb = px + 1 - yb * p->out_w;
            smelt_conv2d_s8_pw2(p, n, input + (ya * p->stride_h * p->in_w + xa * p->stride_w) * n,
                                input + (yb * p->stride_h * p->in_w + xb * p->stride_w) * n, weight, bias,
                                output + px * p->out_c, output + (px + 1) * p->out_c, col);
        }
        if (2 * n <= SMELT_IM2COL_MAX && px < pixels) {
            /* an odd last pixel: both halves of the pair are that pixel, written twice */
            const int32_t ya = px / p->out_w, xa = px - ya * p->out_w;
            const int8_t *in = input + (ya * p->stride_h * p->in_w + xa * p->stride_w) * n;
            smelt_conv2d_s8_pw2(p, n, in, in, weight, bias, output + px * p->out_c, output + px * p->out_c, col);
            ++px;
        }
#endif
        for (; px < pixels; ++px) {
            const int32_t yy = px / p->out_w, xx = px - yy * p->out_w;
            const int8_t *in = input + (yy * p->stride_h * p->in_w + xx * p->stride_w) * n;
            int8_t *out = output + px * p->out_c;
            int32_t o = 0;
            for (; o + 2 <= p->out_c; o += 2) {
                int32_t acc[2];
                acc[0] = bias != 0 ? bias[o] : 0;
                acc[1] = bias != 0 ? bias[o + 1] : 0;
                smelt_dot2_s8(in, weight + o * n, weight + (o + 1) * n, n, p->q.input_offset, acc);
                smelt_requant_n_s8(&p->q, acc, o, out, 2);
            }
            if (o < p->out_c) {
                const int32_t acc = smelt_dot1_s8(in, weight + o * n, n, p->q.input_offset, bias != 0 ? bias[o] : 0);
                smelt_requant_n_s8(&p->q, &acc, o, out, 1);
            }
        }
        return;
    }
#ifdef SMELT_DSP
    if (2 * p->k_h * p->k_w * p->in_c <= SMELT_IM2COL_MAX) {
        /* two pixels' patches through the 2 x 2 pointwise engine */
        int8_t rawa[SMELT_IM2COL_MAX / 2 + 4];
        int8_t rawb[SMELT_IM2COL_MAX / 2 + 4];
        uint32_t col[SMELT_IM2COL_MAX / 2];
        const int32_t n = p->k_h * p->k_w * p->in_c;
        int32_t px;
        for (px = 0; px < pixels; px += 2) {
            const int32_t ya = px / p->out_w, xa = px - ya * p->out_w;
            const int32_t pb = px + 1 < pixels ? px + 1 : px;
            const int32_t yb = pb / p->out_w, xb = pb - yb * p->out_w;
            smelt_conv2d_s8_gather(p, input, rawa, ya * p->stride_h - p->pad_top, xa * p->stride_w - p->pad_left);
            smelt_conv2d_s8_gather(p, input, rawb, yb * p->stride_h - p->pad_top, xb * p->stride_w - p->pad_left);
            smelt_conv2d_s8_pw2(p, n, rawa, rawb, weight, bias, output + px * p->out_c, output + pb * p->out_c, col);
        }
        return;
    }
    if (p->k_h * p->k_w * p->in_c <= SMELT_IM2COL_MAX) {
        uint32_t col[SMELT_IM2COL_MAX / 2 + 2];
        const int32_t n = p->k_h * p->k_w * p->in_c;
        for (y = 0; y < p->out_h; ++y) {
            for (x = 0; x < p->out_w; ++x) {
                smelt_conv2d_s8_im2col(p, input, col, y * p->stride_h - p->pad_top, x * p->stride_w - p->pad_left);
                smelt_matvec_col_s8(&p->q, col, n, weight, bias, output + (y * p->out_w + x) * p->out_c, p->out_c);
            }
        }
        return;
    }
#endif
    for (y = 0; y < p->out_h; ++y) {
        for (x = 0; x < p->out_w; ++x) {
            smelt_conv2d_s8_pixel(p, input, weight, bias, output + (y * p->out_w + x) * p->out_c,
                                  y * p->stride_h - p->pad_top, x * p->stride_w - p->pad_left);
        }
    }
}
