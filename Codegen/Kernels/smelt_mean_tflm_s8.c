/* smelt_mean_tflm_s8.c - TFLite Micro's int8 MEAN over H and W, byte for byte. */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* Per channel: sum of the raw values (int32), minus input_zp * count, then the requantization by
 * the multiplier already divided by count. Example: count 36, sum - zp * count = 161, equal input
 * and output parameters -> multiplier 954437176, shift -4: srdhm = 72, round(72 / 16) = 5. */
SMELT_API void smelt_mean_tflm_s8(const smelt_mean_tflm_params *p, const int8_t *input, int8_t *output)
{
    int32_t ch, k;
    for (ch = 0; ch < p->c; ++ch) {
        int32_t sum = 0;
        for (k = 0; k < p->count; ++k) {
            sum += input[k * p->c + ch];
        }
        sum = (int32_t)((int64_t)sum - (int64_t)p->input_zp * p->count);
        output[ch] = (int8_t)smelt_offset_clamp(smelt_mbqm(sum, p->multiplier, p->shift), p->output_offset, p->act_min, p->act_max);
    }
}
