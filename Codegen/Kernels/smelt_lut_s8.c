/* smelt_lut_s8.c - elementwise int8 function through a 256-entry table (Sigmoid, Tanh). */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* out[i] = table[in[i] + 128]; the table is computed at compile time from the float function. */
SMELT_API void smelt_lut_s8(const smelt_lut_params *p, const int8_t *input, int8_t *output)
{
    int32_t i;
    for (i = 0; i < p->size; ++i) {
        output[i] = p->table[(int32_t)input[i] + 128];
    }
}
