/* smelt_clamp_s8.c - elementwise clamp of int8_t values (unfused ReLU / ReLU6, or a copy). */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* out[i] = clamp(in[i], act_min, act_max); with the full range it is a copy. */
SMELT_API void smelt_clamp_s8(const smelt_clamp_params *p, const int8_t *input, int8_t *output)
{
    int32_t i;
    for (i = 0; i < p->size; ++i) {
        output[i] = (int8_t)smelt_clamp_s32(input[i], p->act_min, p->act_max);
    }
}
