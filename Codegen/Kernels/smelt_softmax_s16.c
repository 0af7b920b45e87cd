/* smelt_softmax_s16.c - int16_t softmax over the last axis (513-entry Q16 exponent table, linearly interpolated). */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* exp(-s_in * d) in Q16 from a 513-entry table sampled every 128 steps of d in [0, 65535]:
 * (t[i] * (128 - f) + t[i + 1] * f + 64) >> 7 with i = d >> 7, f = d & 127. */
static int32_t smelt_softmax_exp16(const int32_t *t, int32_t d)
{
    const int32_t i = d >> 7;
    const int32_t f = d & 127;
    return (t[i] * (128 - f) + t[i + 1] * f + 64) >> 7;
}

/* For each row: d = x_max - x, e = exp_table interpolated at d, sum = sum of e,
 * out = clamp((e * factor + sum / 2) / sum + output_offset, act_min, act_max), 64-bit numerator.
 * Example (int8, factor 256, offset -128): two equal values give e = 65536 each,
 * (2^24 + 2^16) / 2^17 = 128, so both outputs are 0 (probability 0.5). */
SMELT_API void smelt_softmax_s16(const smelt_softmax_params *p, const int16_t *input, int16_t *output)
{
    int32_t r, i;
    for (r = 0; r < p->outer; ++r) {
        const int16_t *in = input + r * p->depth;
        int16_t *out = output + r * p->depth;
        int32_t max = in[0];
        int32_t sum = 0;
        for (i = 1; i < p->depth; ++i) {
            max = in[i] > max ? in[i] : max;
        }
        for (i = 0; i < p->depth; ++i) {
            sum += smelt_softmax_exp16(p->exp_table, max - in[i]);
        }
        for (i = 0; i < p->depth; ++i) {
            const int64_t e = smelt_softmax_exp16(p->exp_table, max - in[i]);
            const int64_t q = (e * p->factor + sum / 2) / sum + p->output_offset;
            out[i] = (int16_t)(q < p->act_min ? p->act_min : (q > p->act_max ? p->act_max : q));
        }
    }
}
