/* smelt_add_s8.c - elementwise Add of two int8_t tensors (TFLite's integer Add, left shift 20). */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* a = smelt_mbqm((in1 + input1_offset) << left_shift, input1_multiplier, input1_shift), b likewise,
 * out = clamp(smelt_mbqm(a + b, output_multiplier, output_shift) + output_offset, act_min, act_max).
 * The multipliers come from 2 * max(s1, s2) at compile time. */
SMELT_API void smelt_add_s8(const smelt_add_params *p, const int8_t *input1, const int8_t *input2,
    int8_t *output)
{
    int32_t i;
    for (i = 0; i < p->size; ++i) {
        const int32_t a = ((int32_t)input1[i] + p->input1_offset) * ((int32_t)1 << p->left_shift);
        const int32_t b = ((int32_t)input2[i] + p->input2_offset) * ((int32_t)1 << p->left_shift);
        const int32_t sa = smelt_mbqm(a, p->input1_multiplier, p->input1_shift);
        const int32_t sb = smelt_mbqm(b, p->input2_multiplier, p->input2_shift);
        const int32_t v = smelt_mbqm(sa + sb, p->output_multiplier, p->output_shift);
        output[i] = (int8_t)smelt_offset_clamp(v, p->output_offset, p->act_min, p->act_max);
    }
}
