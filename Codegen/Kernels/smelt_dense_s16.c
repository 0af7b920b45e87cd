/* smelt_dense_s16.c - fully connected layer, int16 activations, int8 weights, int64 bias and accumulator. */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* out[o] = clamp(requant(bias[o] + sum_i (in[i] + input_offset) * w[o][i]) + output_offset). */
SMELT_API void smelt_dense_s16(const smelt_dense_params *p, const int16_t *input, const int8_t *weight,
    const int64_t *bias, int16_t *output)
{
    int32_t o;
    int32_t i;
    for (o = 0; o < p->out_features; ++o) {
        const int8_t *w = weight + o * p->in_features;
        int64_t acc = bias != 0 ? bias[o] : 0;
        int32_t v;
        for (i = 0; i < p->in_features; ++i) {
            acc += (int64_t)((int32_t)input[i] + p->q.input_offset) * (int64_t)w[i];
        }
        v = smelt_mbqm_wide(acc, p->q.multiplier[o], p->q.shift[o]);
        output[o] = (int16_t)smelt_offset_clamp(v, p->q.output_offset, p->q.act_min, p->q.act_max);
    }
}
