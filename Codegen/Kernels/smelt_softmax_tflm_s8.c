/* smelt_softmax_tflm_s8.c - TFLite Micro's int8 softmax (gemmlowp fixed point), byte for byte. */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* (a + b) / 2 rounded half away from zero, in 64 bits. */
static int32_t smelt_tflm_rounding_half_sum(int32_t a, int32_t b)
{
    const int64_t sum = (int64_t)a + (int64_t)b;
    return (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);
}

/* x * 2^exponent saturated to int32, exponent in [1, 30]. */
static int32_t smelt_tflm_saturating_mul_pot(int32_t x, int32_t exponent)
{
    const int32_t threshold = (int32_t)(((int64_t)1 << (31 - exponent)) - 1);
    if (x > threshold) {
        return INT32_MAX;
    }
    if (x < -threshold) {
        return INT32_MIN;
    }
    return (int32_t)((uint32_t)x << exponent);
}

/* 1 / (1 + a) for a in [0, 1) in Q0.31: Newton-Raphson on the half denominator in Q2.29 with the
 * 48/17 and -32/17 starting constants, three iterations (sums wrap as int32, done in uint32). */
static int32_t smelt_tflm_one_over_one_plus_x(int32_t a)
{
    const int32_t half_denominator = smelt_tflm_rounding_half_sum(a, INT32_MAX);
    int32_t x = (int32_t)((uint32_t)1515870810 + (uint32_t)smelt_srdhm(half_denominator, -1010580540));
    int i;
    for (i = 0; i < 3; ++i) {
        const int32_t one_minus = (int32_t)(((uint32_t)1 << 29) - (uint32_t)smelt_srdhm(half_denominator, x));
        x = (int32_t)((uint32_t)x + (uint32_t)smelt_tflm_saturating_mul_pot(smelt_srdhm(x, one_minus), 2));
    }
    return smelt_tflm_saturating_mul_pot(x, 1);
}

/* Per row: sum = sum of round(e / 2^12) (Q12.19); headroom = leading zeros of sum;
 * scale = 1 / (1 + (sum << headroom) - 1.0) in Q0.31; bits = 12 - headroom;
 * out = clamp(round(srdhm(scale, e) / 2^(bits + 23)) - 128, -128, 127).
 * Example: a row of two equal values gives e = 2^31 - 1 twice, sum = 2^20, headroom 11, bits 1,
 * scale = 2^31 - 1, and each output round((2^31 - 2) / 2^24) - 128 = 0 (probability 0.5). */
SMELT_API void smelt_softmax_tflm_s8(const smelt_softmax_tflm_params *p, const int8_t *input, int8_t *output)
{
    int32_t r, i;
    for (r = 0; r < p->outer; ++r) {
        const int8_t *in = input + r * p->depth;
        int8_t *out = output + r * p->depth;
        int32_t max = in[0];
        uint32_t sum = 0;
        uint32_t shifted;
        int32_t headroom = 0;
        int32_t scale, exponent;
        for (i = 1; i < p->depth; ++i) {
            max = in[i] > max ? in[i] : max;
        }
        for (i = 0; i < p->depth; ++i) {
            sum += (uint32_t)smelt_rounding_divide_by_pot(p->exp_table[max - in[i]], 12);
        }
        while (headroom < 32 && (sum & ((uint32_t)1 << (31 - headroom))) == 0) {
            ++headroom;
        }
        shifted = (headroom < 32 ? sum << headroom : 0) - ((uint32_t)1 << 31);
        scale = smelt_tflm_one_over_one_plus_x((int32_t)shifted);
        exponent = 12 - headroom + 31 - 8;
        for (i = 0; i < p->depth; ++i) {
            const int32_t unsat = smelt_rounding_divide_by_pot(smelt_srdhm(scale, p->exp_table[max - in[i]]), exponent);
            out[i] = (int8_t)smelt_clamp_s32(unsat - 128, -128, 127);
        }
    }
}
