/* smelt_lut_s16.c - elementwise int16 function through a 513-entry interpolated table (Sigmoid, Tanh). */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* u = in + 32768, i = u >> 7, f = u & 127, out = (t[i] * (128 - f) + t[i + 1] * f + 64) >> 7.
 * Example: t[i] = 100, t[i + 1] = 103, f = 64 -> (6400 + 6592 + 64) >> 7 = 102 (101.5 rounds up). */
SMELT_API void smelt_lut_s16(const smelt_lut_params *p, const int16_t *input, int16_t *output)
{
    int32_t n;
    for (n = 0; n < p->size; ++n) {
        const int32_t u = (int32_t)input[n] + 32768;
        const int32_t i = u >> 7;
        const int32_t f = u & 127;
        const int32_t v = (int32_t)p->table16[i] * (128 - f) + (int32_t)p->table16[i + 1] * f + 64;
        output[n] = (int16_t)(v >> 7);
    }
}
