/* smelt_clamp_s16.c - elementwise clamp of int16_t values (unfused ReLU / ReLU6, or a copy). */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* out[i] = clamp(in[i], act_min, act_max); with the full range it is a copy. */
SMELT_API void smelt_clamp_s16(const smelt_clamp_params *p, const int16_t *input, int16_t *output)
{
    int32_t i;
    for (i = 0; i < p->size; ++i) {
        output[i] = (int16_t)smelt_clamp_s32(input[i], p->act_min, p->act_max);
    }
}
