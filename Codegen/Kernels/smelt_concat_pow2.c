/* smelt_concat_pow2.c - one power-of-two input's share of a Concatenate along the last axis. */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* For each of the outer rows, writes the input's in_c values at output channel channel_offset.
 * With requantize != 0 each value becomes clamp(smelt_rounding_shift(v, shift), act_min, act_max),
 * shift = n_in - n_out (zero points are 0). */
SMELT_API void smelt_concat_pow2(const smelt_concat_params *p, const int8_t *input, int8_t *output)
{
    int32_t r, c;
    for (r = 0; r < p->outer; ++r) {
        const int8_t *in = input + r * p->in_c;
        int8_t *out = output + r * p->out_c + p->channel_offset;
        for (c = 0; c < p->in_c; ++c) {
            if (p->requantize != 0) {
                const int32_t v = smelt_rounding_shift(in[c], p->shift);
                out[c] = (int8_t)smelt_clamp_s32(v, p->act_min, p->act_max);
            } else {
                out[c] = in[c];
            }
        }
    }
}
