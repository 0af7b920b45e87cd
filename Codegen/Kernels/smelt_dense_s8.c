/* smelt_dense_s8.c - fully connected layer, int8 activations, int8 weights, int32 bias.
 *
 * out[o] = clamp(requant(bias[o] + sum_i (in[i] + input_offset) * w[o][i]) + output_offset).
 * Portable path: two rows share each input load (smelt_dot2_s8). DSP path (SMELT_DSP, smelt_simd.h): four rows
 * at a time, four inputs per step: the input word is split once with SXTAB16 (adding the offset)
 * and each row does LDR, 2 x SXTB16, 2 x SMLAD. Both paths add the same exact products, so the
 * int32 sums, and the outputs, are identical (docs/kernels.md). */
#ifndef SMELT_AMALGAMATED
#include "smelt_kernels.h"
#endif

#ifndef SMELT_DENSE_SPLIT_MAX
#define SMELT_DENSE_SPLIT_MAX 1024 /* inputs split once into int16 pairs on the stack by the DSP path (2 KiB) */
#endif

SMELT_API void smelt_dense_s8(const smelt_dense_params *p, const int8_t *input, const int8_t *weight,
    const int32_t *bias, int8_t *output)
{
    const int32_t n = p->in_features;
    const int32_t off = p->q.input_offset;
    int32_t o = 0;
#ifdef SMELT_DSP
    const uint32_t off2 = smelt_pack_offset(off);
    if (n <= SMELT_DENSE_SPLIT_MAX) {
        uint32_t col[SMELT_DENSE_SPLIT_MAX / 2 + 2];
        smelt_split_s8(input, n, off, col);
        smelt_matvec_col_s8(&p->q, col, n, weight, bias, output, p->out_features);
        return;
    }
    for (; o + 4 <= p->out_features; o += 4) {
        const int8_t *w0 = weight + o * n; /* rows o and o + 1 at w0, w0 + n */
        const int8_t *w2 = w0 + 2 * n;     /* rows o + 2 and o + 3 at w2, w2 + n */
        const int8_t *in = input;
        const int8_t *end = input + (n & ~3);
        int32_t a0 = bias != 0 ? bias[o] : 0;
        int32_t a1 = bias != 0 ? bias[o + 1] : 0;
        int32_t a2 = bias != 0 ? bias[o + 2] : 0;
        int32_t a3 = bias != 0 ? bias[o + 3] : 0;
        int32_t k;
        while (in != end) {
            const uint32_t x = smelt_ld4(in);
            const uint32_t xl = smelt_sxtab16(off2, x);
            const uint32_t xh = smelt_sxtab16_ror8(off2, x);
            uint32_t w;
            in += 4;
            w = smelt_ld4(w0 + n);
            a1 = smelt_smlad(smelt_sxtb16(w), xl, a1); a1 = smelt_smlad(smelt_sxtb16_ror8(w), xh, a1);
            w = smelt_ld4(w0); w0 += 4;
            a0 = smelt_smlad(smelt_sxtb16(w), xl, a0); a0 = smelt_smlad(smelt_sxtb16_ror8(w), xh, a0);
            w = smelt_ld4(w2 + n);
            a3 = smelt_smlad(smelt_sxtb16(w), xl, a3); a3 = smelt_smlad(smelt_sxtb16_ror8(w), xh, a3);
            w = smelt_ld4(w2); w2 += 4;
            a2 = smelt_smlad(smelt_sxtb16(w), xl, a2); a2 = smelt_smlad(smelt_sxtb16_ror8(w), xh, a2);
        }
        for (k = n & 3; k > 0; --k) {
            const int32_t x = (int32_t)*in++ + off;
            a0 += x * w0[0];
            a1 += x * w0[n];
            a2 += x * w2[0];
            a3 += x * w2[n];
            ++w0;
            ++w2;
        }
        {
            const int32_t r_[4] = { a0, a1, a2, a3 };
            smelt_requant_n_s8(&p->q, r_, o, output, 4);
        }
    }
#else
    for (; o + 2 <= p->out_features; o += 2) {
        int32_t acc[2];
        acc[0] = bias != 0 ? bias[o] : 0;
        acc[1] = bias != 0 ? bias[o + 1] : 0;
        smelt_dot2_s8(input, weight + o * n, weight + (o + 1) * n, n, off, acc);
        smelt_requant_n_s8(&p->q, acc, o, output, 2);
    }
#endif
    for (; o < p->out_features; ++o) {
        const int32_t acc = smelt_dot1_s8(input, weight + o * n, n, off, bias != 0 ? bias[o] : 0);
        smelt_requant_n_s8(&p->q, &acc, o, output, 1);
    }
}
