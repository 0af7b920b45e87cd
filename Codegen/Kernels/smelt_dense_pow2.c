/* smelt_dense_pow2.c - fully connected layer, int8 power-of-two (shift-only requantization). */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* out[o] = clamp(requant(bias[o] + sum_i (in[i] + input_offset) * w[o][i]) + output_offset). */
SMELT_API void smelt_dense_pow2(const smelt_dense_params *p, const int8_t *input, const int8_t *weight,
    const int32_t *bias, int8_t *output)
{
    int32_t o;
    int32_t i;
    for (o = 0; o < p->out_features; ++o) {
        const int8_t *w = weight + o * p->in_features;
        int32_t acc = bias != 0 ? bias[o] : 0;
        int32_t v;
        for (i = 0; i < p->in_features; ++i) {
            acc += (int32_t)((int32_t)input[i] + p->q.input_offset) * (int32_t)w[i];
        }
        v = smelt_rounding_shift(acc, p->q.shift[o]);
        output[o] = (int8_t)smelt_offset_clamp(v, p->q.output_offset, p->q.act_min, p->q.act_max);
    }
}
