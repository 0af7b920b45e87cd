/* smelt_softmax_s8.c - int8 softmax over the last axis; output scale 1/256, zero point -128. */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* For each row: e_i = exp_table[x_max - x_i] (Q16, exp_table[0] = 65536), sum = sum of e_i,
 * out_i = clamp((e_i * 256 + sum / 2) / sum - 128, -128, 127).
 * Example: a row of two equal values gives e = 65536 each, (2^24 + 2^16) / 2^17 - 128 = 0. */
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
            const int32_t e = p->exp_table[max - in[i]];
            const int32_t v = (e * 256 + sum / 2) / sum - 128;
            out[i] = (int8_t)smelt_clamp_s32(v, -128, 127);
        }
    }
}
