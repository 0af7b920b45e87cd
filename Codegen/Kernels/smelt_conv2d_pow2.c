/* smelt_conv2d_pow2.c - 2-D convolution, int8 power-of-two (shift-only requantization). */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

/* out[y][x][o] = clamp(requant(bias[o] + sum_{ky,kx,i} (in[iy][ix][i] + input_offset) * w[o][ky][kx][i])
 *                      + output_offset), iy = y * stride_h - pad_top + ky (taps outside the input skipped). */
SMELT_API void smelt_conv2d_pow2(const smelt_conv_params *p, const int8_t *input, const int8_t *weight,
    const int32_t *bias, int8_t *output)
{
    int32_t y, x, o, ky, kx, i;
    for (y = 0; y < p->out_h; ++y) {
        for (x = 0; x < p->out_w; ++x) {
            int8_t *out = output + (y * p->out_w + x) * p->out_c;
            for (o = 0; o < p->out_c; ++o) {
                int32_t acc = bias != 0 ? bias[o] : 0;
                int32_t v;
                for (ky = 0; ky < p->k_h; ++ky) {
                    const int32_t iy = y * p->stride_h - p->pad_top + ky;
                    if (iy < 0 || iy >= p->in_h) {
                        continue;
                    }
                    for (kx = 0; kx < p->k_w; ++kx) {
                        const int32_t ix = x * p->stride_w - p->pad_left + kx;
                        const int8_t *in;
                        const int8_t *w;
                        if (ix < 0 || ix >= p->in_w) {
                            continue;
                        }
                        in = input + (iy * p->in_w + ix) * p->in_c;
                        w = weight + ((o * p->k_h + ky) * p->k_w + kx) * p->in_c;
                        for (i = 0; i < p->in_c; ++i) {
                            acc += (int32_t)((int32_t)in[i] + p->q.input_offset) * (int32_t)w[i];
                        }
                    }
                }
                v = smelt_rounding_shift(acc, p->q.shift[o]);
                out[o] = (int8_t)smelt_offset_clamp(v, p->q.output_offset, p->q.act_min, p->q.act_max);
            }
        }
    }
}
