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
#endif

#ifdef SMELT_AMALGAMATED
#define SMELT_API static
#else
#define SMELT_API
#endif

/* Requantization of one layer's accumulators.
 * s8/s16: out[c] = clamp(smelt_mbqm(acc, multiplier[c], shift[c]) + output_offset, act_min, act_max)
 * pow2:   out[c] = clamp(smelt_shift_requant(acc, shift[c]) + output_offset, ...); multiplier unused.
 * input_offset is the negated input zero point, added to every input value. */
typedef struct {
    int32_t input_offset;
    int32_t output_offset;
    int32_t act_min;
    int32_t act_max;
    const int32_t *multiplier; /* one per output channel (NULL for pow2) */
    const int32_t *shift;      /* one per output channel; > 0 shifts left */
} smelt_requant;

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

/* Add (TFLite's int8 Add): each input is offset, shifted left by left_shift, scaled by its
 * multiplier; the sum is scaled by the output multiplier, offset, and clamped. */
typedef struct {
    int32_t size;
    int32_t left_shift;
    int32_t input1_offset, input1_multiplier, input1_shift;
    int32_t input2_offset, input2_multiplier, input2_shift;
    int32_t output_offset, output_multiplier, output_shift;
    int32_t act_min, act_max;
} smelt_add_params;

/* Concatenate along the last axis: one call per input. Copies `outer` rows of `in_c` values
 * into the output rows of `out_c` values at channel `channel_offset`, requantizing with
 * (value + input_offset) -> mbqm(multiplier, shift) + output_offset unless `requantize` is 0. */
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

/* Sigmoid / Tanh through a 256-entry table: out[i] = table[in[i] + 128]. */
typedef struct {
    int32_t size;
    const int8_t *table;
} smelt_lut_params;

/* Softmax over rows of `depth` values. exp_table[k] = round(65536 * exp(-k * s_in)) for
 * k = x_max - x in [0, 255]; out = clamp((e * 256 + sum / 2) / sum - 128, -128, 127). */
typedef struct {
    int32_t outer;
    int32_t depth;
    const int32_t *exp_table;
} smelt_softmax_params;

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
void smelt_concat_s8(const smelt_concat_params *p, const int8_t *input, int8_t *output);
void smelt_concat_s16(const smelt_concat_params *p, const int16_t *input, int16_t *output);
void smelt_clamp_s8(const smelt_clamp_params *p, const int8_t *input, int8_t *output);
void smelt_clamp_s16(const smelt_clamp_params *p, const int16_t *input, int16_t *output);
void smelt_lut_s8(const smelt_lut_params *p, const int8_t *input, int8_t *output);
void smelt_softmax_s8(const smelt_softmax_params *p, const int8_t *input, int8_t *output);
#endif

#endif /* SMELT_KERNELS_H */
