/* smelt_kernels.h - parameter structs and prototypes of Smelt's integer kernels.
 *
 * One function per (op, dtype, variant): smelt_<op>_<dtype>, dtype s8 (int8 activations),
 * s16 (int16 activations, int8 weights, int64 bias) or pow2 (int8, shift-only requantization).
 * Every kernel takes a const params struct, its input/weight pointers and a caller-owned output;
 * none allocates, recurses or uses floating point. Layouts (no batch axis): activations HWC,
 * Dense weight [out][in], Conv2D weight [out][kh][kw][in], depthwise weight [kh][kw][c].
 *
 * When the generator pastes the kernels into one file it defines SMELT_AMALGAMATED first:
 * the kernels become static (two generated models link together) and the prototypes below,
 * which would then declare unused statics, are left out.
 */
#ifndef SMELT_KERNELS_H
#define SMELT_KERNELS_H

#include <stdint.h>
#ifndef SMELT_AMALGAMATED
#include "smelt_fixedpoint.h"
#include "smelt_simd.h"
#endif

#ifdef SMELT_AMALGAMATED
#define SMELT_API static
#else
#define SMELT_API
#endif

/* Requantization of one layer's accumulators, then clamp(. + output_offset, act_min, act_max):
 * s8:   smelt_mbqm(acc, multiplier[c], shift[c])         (int32 accumulator)
 * s16:  smelt_mbqm_wide(acc, multiplier[c], shift[c])    (int64 accumulator)
 * pow2: smelt_rounding_shift(acc, shift[c])              (shift[c] = n_in + n_w - n_out, a right shift)
 * input_offset is the negated input zero point, added to every input value. */
typedef struct {
    int32_t input_offset;
    int32_t output_offset;
    int32_t act_min;
    int32_t act_max;
    const int32_t *multiplier; /* one per output channel (NULL for pow2) */
    const int32_t *shift;      /* one per output channel: s8/s16 > 0 shifts left; pow2 > 0 shifts right */
} smelt_requant;

/* Requantizes n accumulators of consecutive output channels ch, ch + 1, ... into out[ch...]
 * (smelt_requant_s8 of each). Out of line: the kernels' inner loops keep their registers, and the
 * requantization code exists once. */
static SMELT_NOINLINE void smelt_requant_n_s8(const smelt_requant *q, const int32_t *acc, int32_t ch, int8_t *out,
                                              int32_t n)
{
    const int32_t zo = q->output_offset;
    const int32_t lo = q->act_min - zo;
    const int32_t hi = q->act_max - zo;
    const int32_t *mult = q->multiplier + ch;
    const int32_t *shf = q->shift + ch;
    int32_t j;
    out += ch;
    for (j = 0; j < n; ++j) {
        out[j] = (int8_t)smelt_requant_s8(acc[j], mult[j], shf[j], zo, lo, hi);
    }
}

#ifdef SMELT_DSP
#ifndef SMELT_MV_ACC_MAX
#define SMELT_MV_ACC_MAX 128 /* rows whose accumulators smelt_matvec_col_s8 keeps (512 bytes of stack) */
#endif

/* Splits n int8 values x into int16 pairs (x + off) in SXTB16 order: col[2g] = (x[4g], x[4g+2]),
 * col[2g+1] = (x[4g+1], x[4g+3]); a last partial group is padded with -off (adds up to 0). */
static SMELT_NOINLINE void smelt_split_s8(const int8_t *x, int32_t n, int32_t off, uint32_t *col)
{
    const uint32_t off2 = smelt_pack_offset(off);
    const int32_t n4 = n & ~3;
    int32_t i;
    for (i = 0; i < n4; i += 4) {
        const uint32_t v = smelt_ld4(x + i);
        col[i >> 1] = smelt_sxtab16(off2, v);
        col[(i >> 1) + 1] = smelt_sxtab16_ror8(off2, v);
    }
    if (n4 < n) {
        int8_t t[4];
        t[0] = t[1] = t[2] = t[3] = (int8_t)(-off);
        for (i = n4; i < n; ++i) {
            t[i - n4] = x[i];
        }
        col[n4 >> 1] = smelt_sxtab16(off2, smelt_ld4(t));
        col[(n4 >> 1) + 1] = smelt_sxtab16_ror8(off2, smelt_ld4(t));
    }
}

/* out[o] = requant(bias[o] + sum_k col[k] * w[o][k]) for o < out_c, w rows of n int8, col split by
 * smelt_split_s8 (or the im2col gather): four rows per step, 2 LDR of activations, per row one
 * weight word, 2 SXTB16 and 2 SMLAD per four k. */
static SMELT_NOINLINE void smelt_matvec_col_s8(const smelt_requant *q, const uint32_t *col, int32_t n,
                                               const int8_t *weight, const int32_t *bias, int8_t *out, int32_t out_c)
{
    const int32_t n4 = n & ~3;
    const int16_t *c16 = (const int16_t *)(const void *)col;
    int32_t accb[SMELT_MV_ACC_MAX]; /* accumulators of up to SMELT_MV_ACC_MAX rows: one requantization call */
    const int batch = out_c <= SMELT_MV_ACC_MAX;
    int32_t o, k;
    for (o = 0; o + 4 <= out_c; o += 4) {
        const int8_t *w0 = weight + o * n; /* rows o and o + 1 at w0, w0 + n */
        const int8_t *w2 = w0 + 2 * n;     /* rows o + 2 and o + 3 at w2, w2 + n */
        const uint32_t *c = col;
        const uint32_t *cend = col + (n4 >> 1);
        int32_t a0 = bias != 0 ? bias[o] : 0;
        int32_t a1 = bias != 0 ? bias[o + 1] : 0;
        int32_t a2 = bias != 0 ? bias[o + 2] : 0;
        int32_t a3 = bias != 0 ? bias[o + 3] : 0;
        while (c != cend) {
            const uint32_t cl = c[0], ch = c[1];
            uint32_t w;
            c += 2;
            w = smelt_ld4(w0 + n);
            a1 = smelt_smlad(smelt_sxtb16(w), cl, a1); a1 = smelt_smlad(smelt_sxtb16_ror8(w), ch, a1);
            w = smelt_ld4(w0); w0 += 4;
            a0 = smelt_smlad(smelt_sxtb16(w), cl, a0); a0 = smelt_smlad(smelt_sxtb16_ror8(w), ch, a0);
            w = smelt_ld4(w2 + n);
            a3 = smelt_smlad(smelt_sxtb16(w), cl, a3); a3 = smelt_smlad(smelt_sxtb16_ror8(w), ch, a3);
            w = smelt_ld4(w2); w2 += 4;
            a2 = smelt_smlad(smelt_sxtb16(w), cl, a2); a2 = smelt_smlad(smelt_sxtb16_ror8(w), ch, a2);
        }
        for (k = n4; k < n; ++k, ++w0, ++w2) {
            const int32_t v = c16[n4 | ((k & 1) << 1) | ((k >> 1) & 1)];
            a0 += v * w0[0];
            a1 += v * w0[n];
            a2 += v * w2[0];
            a3 += v * w2[n];
        }
        if (batch) {
            accb[o] = a0;
            accb[o + 1] = a1;
            accb[o + 2] = a2;
            accb[o + 3] = a3;
        } else {
            int32_t r[4];
            r[0] = a0;
            r[1] = a1;
            r[2] = a2;
            r[3] = a3;
            smelt_requant_n_s8(q, r, o, out, 4);
        }
    }
    if (batch && o > 0) {
        smelt_requant_n_s8(q, accb, 0, out, o);
    }
    for (; o < out_c; ++o) {
        const int8_t *w0 = weight + o * n;
        const uint32_t *c = col;
        const uint32_t *cend = col + (n4 >> 1);
        int32_t a0 = bias != 0 ? bias[o] : 0;
        while (c != cend) {
            const uint32_t w = smelt_ld4(w0);
            a0 = smelt_smlad(smelt_sxtb16(w), c[0], a0);
            a0 = smelt_smlad(smelt_sxtb16_ror8(w), c[1], a0);
            c += 2;
            w0 += 4;
        }
        for (k = n4; k < n; ++k, ++w0) {
            a0 += (int32_t)c16[n4 | ((k & 1) << 1) | ((k >> 1) & 1)] * w0[0];
        }
        smelt_requant_n_s8(q, &a0, o, out, 1);
    }
}
#endif

/* Dense: out[o] = requant(bias[o] + sum_i (in[i] + input_offset) * w[o][i]). bias may be NULL. */
typedef struct {
    int32_t in_features;
    int32_t out_features;
    smelt_requant q;
} smelt_dense_params;

/* Conv2D and DepthwiseConv2D (depth multiplier 1, out_c == in_c). Padded taps contribute 0. */
typedef struct {
    int32_t in_h, in_w, in_c;
    int32_t out_h, out_w, out_c;
    int32_t k_h, k_w;
    int32_t stride_h, stride_w;
    int32_t pad_top, pad_left;
    smelt_requant q;
} smelt_conv_params;

/* MaxPool2D / AveragePool2D / GlobalAveragePool (a pool over the whole H x W).
 * Padded positions are skipped; the average divides by the count of valid positions,
 * rounding half away from zero. Output range clamp [act_min, act_max]. */
typedef struct {
    int32_t in_h, in_w, c;
    int32_t out_h, out_w;
    int32_t k_h, k_w;
    int32_t stride_h, stride_w;
    int32_t pad_top, pad_left;
    int32_t act_min, act_max;
} smelt_pool_params;

/* Add. s8/s16 (TFLite's Add, left_shift 20 / 15): a = smelt_mbqm((in1 + input1_offset) << left_shift,
 * input1_multiplier, input1_shift), b likewise, out = clamp(smelt_mbqm(a + b, output_multiplier,
 * output_shift) + output_offset). pow2: a = smelt_rounding_shift(in1, input1_shift), b likewise,
 * out = clamp(smelt_rounding_shift(a + b, output_shift)); multipliers and offsets unused. */
typedef struct {
    int32_t size;
    int32_t left_shift;
    int32_t input1_offset, input1_multiplier, input1_shift;
    int32_t input2_offset, input2_multiplier, input2_shift;
    int32_t output_offset, output_multiplier, output_shift;
    int32_t act_min, act_max;
} smelt_add_params;

/* Concatenate along the last axis: one call per input. Copies `outer` rows of `in_c` values
 * into the output rows of `out_c` values at channel `channel_offset`. Unless `requantize` is 0
 * (equal input and output params) each value v becomes, clamped to [act_min, act_max]:
 * s8/s16 smelt_mbqm(v + input_offset, multiplier, shift) + output_offset;
 * pow2   smelt_rounding_shift(v, shift) (shift = n_in - n_out). */
typedef struct {
    int32_t outer;
    int32_t in_c, out_c, channel_offset;
    int32_t requantize;
    int32_t input_offset, output_offset;
    int32_t multiplier, shift;
    int32_t act_min, act_max;
} smelt_concat_params;

/* Elementwise clamp (unfused ReLU / ReLU6) and copy (Reshape / Flatten that cannot alias). */
typedef struct {
    int32_t size;
    int32_t act_min, act_max;
} smelt_clamp_params;

/* Sigmoid / Tanh through a table. s8: 256 entries, out = table[in + 128].
 * s16: 513 entries sampled every 128 inputs, linearly interpolated: u = in + 32768, i = u >> 7,
 * f = u & 127, out = (t[i] * (128 - f) + t[i + 1] * f + 64) >> 7. */
typedef struct {
    int32_t size;
    const int8_t *table;   /* s8 */
    const int16_t *table16; /* s16 */
} smelt_lut_params;

/* Softmax over rows of `depth` values: d = x_max - x, e = exp_table[d] in Q16 (s8: 256 entries;
 * s16: 513 entries interpolated like the s16 lookup table), sum = sum of e (int32),
 * out = clamp((e * factor + sum / 2) / sum + output_offset, act_min, act_max) with a 64-bit
 * numerator; factor = round(1 / s_out) (256 for int8, 32768 for int16, 128 for pow2). */
typedef struct {
    int32_t outer;
    int32_t depth;
    int32_t factor;
    int32_t output_offset;
    int32_t act_min, act_max;
    const int32_t *exp_table;
} smelt_softmax_params;

/* TFLite Micro's int8 Softmax (graphs imported from .tflite, node semantics "tflm"): rows of
 * `depth` values, exp_table[d] = exp(-beta * s_in * d) in Q0.31 for d = x_max - x (0 where TFLite
 * Micro skips d below diff_min); sum of exp_table[d] >> 12 (rounded) in Q12.19; the reciprocal of
 * the sum by gemmlowp's Newton-Raphson; out = clamp(round(scale * e / 2^(bits + 23)) - 128). */
typedef struct {
    int32_t outer;
    int32_t depth;
    const int32_t *exp_table;
} smelt_softmax_tflm_params;

/* TFLite Micro's int8 MEAN over H and W of an HWC tensor (node semantics "tflm"): per channel,
 * out = clamp(mbqm(sum - input_zp * count, multiplier, shift) + output_offset, act_min, act_max)
 * with multiplier and shift already divided by count (SmeltQuant's TFLiteMean). */
typedef struct {
    int32_t count;   /* H * W */
    int32_t c;
    int32_t input_zp;
    int32_t output_offset;
    int32_t multiplier;
    int32_t shift;
    int32_t act_min, act_max;
} smelt_mean_tflm_params;

#ifndef SMELT_AMALGAMATED
void smelt_dense_s8(const smelt_dense_params *p, const int8_t *input, const int8_t *weight,
                    const int32_t *bias, int8_t *output);
void smelt_dense_s16(const smelt_dense_params *p, const int16_t *input, const int8_t *weight,
                     const int64_t *bias, int16_t *output);
void smelt_dense_pow2(const smelt_dense_params *p, const int8_t *input, const int8_t *weight,
                      const int32_t *bias, int8_t *output);
void smelt_conv2d_s8(const smelt_conv_params *p, const int8_t *input, const int8_t *weight,
                     const int32_t *bias, int8_t *output);
void smelt_conv2d_s16(const smelt_conv_params *p, const int16_t *input, const int8_t *weight,
                      const int64_t *bias, int16_t *output);
void smelt_conv2d_pow2(const smelt_conv_params *p, const int8_t *input, const int8_t *weight,
                       const int32_t *bias, int8_t *output);
void smelt_depthwise_s8(const smelt_conv_params *p, const int8_t *input, const int8_t *weight,
                        const int32_t *bias, int8_t *output);
void smelt_depthwise_s16(const smelt_conv_params *p, const int16_t *input, const int8_t *weight,
                         const int64_t *bias, int16_t *output);
void smelt_depthwise_pow2(const smelt_conv_params *p, const int8_t *input, const int8_t *weight,
                          const int32_t *bias, int8_t *output);
void smelt_maxpool_s8(const smelt_pool_params *p, const int8_t *input, int8_t *output);
void smelt_avgpool_s8(const smelt_pool_params *p, const int8_t *input, int8_t *output);
void smelt_maxpool_s16(const smelt_pool_params *p, const int16_t *input, int16_t *output);
void smelt_avgpool_s16(const smelt_pool_params *p, const int16_t *input, int16_t *output);
void smelt_add_s8(const smelt_add_params *p, const int8_t *input1, const int8_t *input2,
                  int8_t *output);
void smelt_add_s16(const smelt_add_params *p, const int16_t *input1, const int16_t *input2,
                   int16_t *output);
void smelt_add_pow2(const smelt_add_params *p, const int8_t *input1, const int8_t *input2,
                    int8_t *output);
void smelt_concat_s8(const smelt_concat_params *p, const int8_t *input, int8_t *output);
void smelt_concat_s16(const smelt_concat_params *p, const int16_t *input, int16_t *output);
void smelt_concat_pow2(const smelt_concat_params *p, const int8_t *input, int8_t *output);
void smelt_clamp_s8(const smelt_clamp_params *p, const int8_t *input, int8_t *output);
void smelt_clamp_s16(const smelt_clamp_params *p, const int16_t *input, int16_t *output);
void smelt_lut_s8(const smelt_lut_params *p, const int8_t *input, int8_t *output);
void smelt_lut_s16(const smelt_lut_params *p, const int16_t *input, int16_t *output);
void smelt_softmax_s8(const smelt_softmax_params *p, const int8_t *input, int8_t *output);
void smelt_softmax_s16(const smelt_softmax_params *p, const int16_t *input, int16_t *output);
void smelt_softmax_tflm_s8(const smelt_softmax_tflm_params *p, const int8_t *input, int8_t *output);
void smelt_mean_tflm_s8(const smelt_mean_tflm_params *p, const int8_t *input, int8_t *output);
#endif

#endif /* SMELT_KERNELS_H */
