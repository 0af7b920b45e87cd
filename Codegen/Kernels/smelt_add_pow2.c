/* smelt_add_pow2.c - elementwise Add of two power-of-two int8 tensors (shifts only). */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* Both inputs are aligned to the finer of their formats, added, and shifted to the output's:
 * out = clamp(smelt_rounding_shift(smelt_rounding_shift(in1, input1_shift)
 *                                  + smelt_rounding_shift(in2, input2_shift), output_shift)).
 * Example: Q.4 + Q.5 into Q.3: shifts -1, 0, 2; in1 8 (0.5), in2 16 (0.5) -> (16 + 16) >> 2 = 8 (1.0). */
SMELT_API void smelt_add_pow2(const smelt_add_params *p, const int8_t *input1, const int8_t *input2,
    int8_t *output)
{
    int32_t i;
    for (i = 0; i < p->size; ++i) {
        const int32_t a = smelt_rounding_shift(input1[i], p->input1_shift);
        const int32_t b = smelt_rounding_shift(input2[i], p->input2_shift);
        const int32_t v = smelt_rounding_shift(a + b, p->output_shift);
        output[i] = (int8_t)smelt_clamp_s32(v, p->act_min, p->act_max);
    }
}
