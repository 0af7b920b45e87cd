/* smelt_conv2d_s16.c - 2-D convolution, int16 activations, int8 weights, int64 bias and accumulator. */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* out[y][x][o] = clamp(requant(bias[o] + sum_{ky,kx,i} (in[iy][ix][i] + input_offset) * w[o][ky][kx][i])
 *                      + output_offset), iy = y * stride_h - pad_top + ky (taps outside the input skipped). */
SMELT_API void smelt_conv2d_s16(const smelt_conv_params *p, const int16_t *input, const int8_t *weight,
    const int64_t *bias, int16_t *output)
{
    int32_t y, x, o, ky, kx, i;
    for (y = 0; y < p->out_h; ++y) {
        for (x = 0; x < p->out_w; ++x) {
            int16_t *out = output + (y * p->out_w + x) * p->out_c;
            for (o = 0; o < p->out_c; ++o) {
                int64_t acc = bias != 0 ? bias[o] : 0;
                int32_t v;
                for (ky = 0; ky < p->k_h; ++ky) {
                    const int32_t iy = y * p->stride_h - p->pad_top + ky;
                    if (iy < 0 || iy >= p->in_h) {
                        continue;
                    }
                    for (kx = 0; kx < p->k_w; ++kx) {
                        const int32_t ix = x * p->stride_w - p->pad_left + kx;
                        const int16_t *in;
                        const int8_t *w;
                        if (ix < 0 || ix >= p->in_w) {
                            continue;
                        }
                        in = input + (iy * p->in_w + ix) * p->in_c;
                        w = weight + ((o * p->k_h + ky) * p->k_w + kx) * p->in_c;
                        for (i = 0; i < p->in_c; ++i) {
                            acc += (int64_t)((int32_t)in[i] + p->q.input_offset) * (int64_t)w[i];
                        }
                    }
                }
                v = smelt_mbqm_wide(acc, p->q.multiplier[o], p->q.shift[o]);
                out[o] = (int16_t)smelt_offset_clamp(v, p->q.output_offset, p->q.act_min, p->q.act_max);
            }
        }
    }
}
