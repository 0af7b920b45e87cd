/* smelt_concat_s8.c - one input's share of a Concatenate along the last axis (int8_t). */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* For each of the outer rows, writes the input's in_c values at output channel channel_offset.
 * With requantize != 0 each value becomes
 * clamp(smelt_mbqm(v + input_offset, multiplier, shift) + output_offset, act_min, act_max). */
SMELT_API void smelt_concat_s8(const smelt_concat_params *p, const int8_t *input, int8_t *output)
{
    int32_t r, c;
    for (r = 0; r < p->outer; ++r) {
        const int8_t *in = input + r * p->in_c;
        int8_t *out = output + r * p->out_c + p->channel_offset;
        for (c = 0; c < p->in_c; ++c) {
            if (p->requantize != 0) {
                const int32_t v = smelt_mbqm((int32_t)in[c] + p->input_offset, p->multiplier, p->shift);
                out[c] = (int8_t)smelt_offset_clamp(v, p->output_offset, p->act_min, p->act_max);
            } else {
                out[c] = in[c];
            }
        }
    }
}
