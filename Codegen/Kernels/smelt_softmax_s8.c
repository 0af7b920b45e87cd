/* smelt_softmax_s8.c - int8_t softmax over the last axis (256-entry Q16 exponent table; also the pow2 scheme). */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* For each row: d = x_max - x, e = exp_table[d], sum = sum of e,
 * out = clamp((e * factor + sum / 2) / sum + output_offset, act_min, act_max), 64-bit numerator.
 * Example (int8, factor 256, offset -128): two equal values give e = 65536 each,
 * (2^24 + 2^16) / 2^17 = 128, so both outputs are 0 (probability 0.5). */
SMELT_API void smelt_softmax_s8(const smelt_softmax_params *p, const int8_t *input, int8_t *output)
{
    int32_t r, i;
    for (r = 0; r < p->outer; ++r) {
        const int8_t *in = input + r * p->depth;
        int8_t *out = output + r * p->depth;
        int32_t max = in[0];
        int32_t sum = 0;
        for (i = 1; i < p->depth; ++i) {
            max = in[i] > max ? in[i] : max;
        }
        for (i = 0; i < p->depth; ++i) {
            sum += p->exp_table[max - in[i]];
        }
        for (i = 0; i < p->depth; ++i) {
            const int64_t e = p->exp_table[max - in[i]];
            const int64_t q = (e * p->factor + sum / 2) / sum + p->output_offset;
            out[i] = (int8_t)(q < p->act_min ? p->act_min : (q > p->act_max ? p->act_max : q));
        }
    }
}
