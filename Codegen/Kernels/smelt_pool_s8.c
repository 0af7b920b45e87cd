/* smelt_pool_s8.c - max and average pooling over int8_t activations (also GlobalAveragePool). */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* out[y][x][c] = max over the valid window positions, clamped to [act_min, act_max]. */
SMELT_API void smelt_maxpool_s8(const smelt_pool_params *p, const int8_t *input, int8_t *output)
{
    int32_t y, x, c, ky, kx;
    for (y = 0; y < p->out_h; ++y) {
        for (x = 0; x < p->out_w; ++x) {
            for (c = 0; c < p->c; ++c) {
                int32_t best = INT8_MIN;
                for (ky = 0; ky < p->k_h; ++ky) {
                    const int32_t iy = y * p->stride_h - p->pad_top + ky;
                    if (iy < 0 || iy >= p->in_h) {
                        continue;
                    }
                    for (kx = 0; kx < p->k_w; ++kx) {
                        const int32_t ix = x * p->stride_w - p->pad_left + kx;
                        int32_t v;
                        if (ix < 0 || ix >= p->in_w) {
                            continue;
                        }
                        v = input[(iy * p->in_w + ix) * p->c + c];
                        best = v > best ? v : best;
                    }
                }
                output[(y * p->out_w + x) * p->c + c] = (int8_t)smelt_clamp_s32(best, p->act_min, p->act_max);
            }
        }
    }
}

/* out[y][x][c] = sum of the valid window values / their count, rounded half away from zero
 * (example: sum -7 over 2 values -> -4), clamped to [act_min, act_max]. */
SMELT_API void smelt_avgpool_s8(const smelt_pool_params *p, const int8_t *input, int8_t *output)
{
    int32_t y, x, c, ky, kx;
    for (y = 0; y < p->out_h; ++y) {
        for (x = 0; x < p->out_w; ++x) {
            for (c = 0; c < p->c; ++c) {
                int32_t sum = 0;
                int32_t count = 0;
                int32_t avg;
                for (ky = 0; ky < p->k_h; ++ky) {
                    const int32_t iy = y * p->stride_h - p->pad_top + ky;
                    if (iy < 0 || iy >= p->in_h) {
                        continue;
                    }
                    for (kx = 0; kx < p->k_w; ++kx) {
                        const int32_t ix = x * p->stride_w - p->pad_left + kx;
                        if (ix < 0 || ix >= p->in_w) {
                            continue;
                        }
                        sum += input[(iy * p->in_w + ix) * p->c + c];
                        ++count;
                    }
                }
                if (count == 0) {
                    avg = 0;
                } else if (sum >= 0) {
                    avg = (sum + count / 2) / count;
                } else {
                    avg = (sum - count / 2) / count;
                }
                output[(y * p->out_w + x) * p->c + c] = (int8_t)smelt_clamp_s32(avg, p->act_min, p->act_max);
            }
        }
    }
}
