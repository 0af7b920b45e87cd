/* smelt_add_s8.c - elementwise Add of two int8 tensors (TFLite's int8 Add). */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* For each element:
 *   a = (in1 + input1_offset) << left_shift, scaled by smelt_mbqm(a, input1_multiplier, input1_shift)
 *   b likewise with input 2
 *   out = clamp(smelt_mbqm(a + b, output_multiplier, output_shift) + output_offset, act_min, act_max)
 * The multipliers come from 2 * max(s1, s2) at compile time (left_shift 20). */
SMELT_API void smelt_add_s8(const smelt_add_params *p, const int8_t *input1, const int8_t *input2,
    int8_t *output)
{
    int32_t i;
    for (i = 0; i < p->size; ++i) {
        const int32_t a = ((int32_t)input1[i] + p->input1_offset) * ((int32_t)1 << p->left_shift);
        const int32_t b = ((int32_t)input2[i] + p->input2_offset) * ((int32_t)1 << p->left_shift);
        const int32_t sa = smelt_mbqm(a, p->input1_multiplier, p->input1_shift);
        const int32_t sb = smelt_mbqm(b, p->input2_multiplier, p->input2_shift);
        const int32_t v = smelt_mbqm(sa + sb, p->output_multiplier, p->output_shift) + p->output_offset;
        output[i] = (int8_t)smelt_clamp_s32(v, p->act_min, p->act_max);
    }
}
