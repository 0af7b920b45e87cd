/* smelt_depthwise_pow2.c - depthwise 2-D convolution (depth multiplier 1), int8 power-of-two (shift-only requantization). */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* out[y][x][c] = clamp(requant(bias[c] + sum_{ky,kx} (in[iy][ix][c] + input_offset) * w[ky][kx][c])
 *                      + output_offset), iy = y * stride_h - pad_top + ky (taps outside the input skipped). */
SMELT_API void smelt_depthwise_pow2(const smelt_conv_params *p, const int8_t *input, const int8_t *weight,
    const int32_t *bias, int8_t *output)
{
    int32_t y, x, c, ky, kx;
    for (y = 0; y < p->out_h; ++y) {
        for (x = 0; x < p->out_w; ++x) {
            int8_t *out = output + (y * p->out_w + x) * p->out_c;
            for (c = 0; c < p->out_c; ++c) {
                int32_t acc = bias != 0 ? bias[c] : 0;
                int32_t v;
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
                        acc += (int32_t)((int32_t)input[(iy * p->in_w + ix) * p->in_c + c] + p->q.input_offset)
                             * (int32_t)weight[(ky * p->k_w + kx) * p->out_c + c];
                    }
                }
                v = smelt_rounding_shift(acc, p->q.shift[c]);
                out[c] = (int8_t)smelt_offset_clamp(v, p->q.output_offset, p->q.act_min, p->q.act_max);
            }
        }
    }
}
