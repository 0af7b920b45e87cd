/* smelt_simd.h - inner-product building blocks of Smelt's int8 kernels: Cortex-M DSP-extension
 * primitives, and the portable dot products used on cores without it (Cortex-M0/M3, hosts).
 *
 * SMELT_DSP is 1 when the compiler targets a core with the DSP extension (__ARM_FEATURE_DSP:
 * Cortex-M4, M7, M33 with DSP...) and SMELT_PORTABLE is not defined; the kernels then take their
 * DSP paths. Define SMELT_PORTABLE to force the portable C everywhere (the equivalence tests do).
 *
 * Packing convention: a word holding int8 values b0 b1 b2 b3 (b0 lowest) is split by SXTB16 into
 * two words of int16 pairs, lo = (b0, b2) and hi = (b1, b3) (SXTB16 with ROR #8). SMLAD then adds
 * both 16 x 16 products of a pair to a 32-bit accumulator. Weights and activations are split the
 * same way, so the pairs line up and a dot product of four bytes is two SMLADs. Every product is
 * exact ((|a| <= 255) * (|w| <= 128) < 2^15) and the sums are the same integers in another order.
 * Written for Smelt with GCC inline assembly (no CMSIS, no <arm_acle.h> dependency).
 */
#ifndef SMELT_SIMD_H
#define SMELT_SIMD_H

#include <stdint.h>

#if defined(__ARM_FEATURE_DSP) && !defined(SMELT_PORTABLE)
#define SMELT_DSP 1

/* Four bytes from any address (the M4/M7 allow unaligned LDR; memcpy compiles to one). */
static inline uint32_t smelt_ld4(const int8_t *p)
{
    uint32_t v;
    __builtin_memcpy(&v, p, 4);
    return v;
}

/* (b0, b2) sign-extended to int16 pairs. */
static inline uint32_t smelt_sxtb16(uint32_t x)
{
    uint32_t r;
    __asm__ volatile("sxtb16 %0, %1" : "=r"(r) : "r"(x));
    return r;
}

/* (b1, b3) sign-extended to int16 pairs. */
static inline uint32_t smelt_sxtb16_ror8(uint32_t x)
{
    uint32_t r;
    __asm__ volatile("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
    return r;
}

/* a + (b0, b2) per 16-bit half (a holds the input offset in both halves). */
static inline uint32_t smelt_sxtab16(uint32_t a, uint32_t x)
{
    uint32_t r;
    __asm__ volatile("sxtab16 %0, %1, %2" : "=r"(r) : "r"(a), "r"(x));
    return r;
}

/* a + (b1, b3) per 16-bit half. */
static inline uint32_t smelt_sxtab16_ror8(uint32_t a, uint32_t x)
{
    uint32_t r;
    __asm__ volatile("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(x));
    return r;
}

/* acc + x.lo * y.lo + x.hi * y.hi (wraps like the portable int32 sum; sets Q, unused). */
static inline int32_t smelt_smlad(uint32_t x, uint32_t y, int32_t acc)
{
    int32_t r;
    __asm__ volatile("smlad %0, %1, %2, %3" : "=r"(r) : "r"(x), "r"(y), "r"(acc));
    return r;
}

/* acc + x.lo * y.lo (SMLABB) and acc + x.hi * y.hi (SMLATT). */
static inline int32_t smelt_smlabb(uint32_t x, uint32_t y, int32_t acc)
{
    int32_t r;
    __asm__ volatile("smlabb %0, %1, %2, %3" : "=r"(r) : "r"(x), "r"(y), "r"(acc));
    return r;
}

static inline int32_t smelt_smlatt(uint32_t x, uint32_t y, int32_t acc)
{
    int32_t r;
    __asm__ volatile("smlatt %0, %1, %2, %3" : "=r"(r) : "r"(x), "r"(y), "r"(acc));
    return r;
}

/* The input offset in both 16-bit halves, for SXTAB16. */
static inline uint32_t smelt_pack_offset(int32_t offset)
{
    return ((uint32_t)offset & 0xFFFFu) | ((uint32_t)offset << 16);
}
#endif

#if defined(__GNUC__) && !defined(__clang__)
/* The portable inner loops are compiled at -O2 even in -Os builds: GCC's -Os keeps the loop
 * test at the top and spills an accumulator on ARMv6-M, about 50% more instructions per MAC. */
#define SMELT_HOT __attribute__((optimize("O2"), noinline, unused))
#elif defined(__GNUC__)
#define SMELT_HOT __attribute__((noinline, unused))
#else
#define SMELT_HOT
#endif

/* acc + sum_{i < n} (x[i] + off) * w[i]; n >= 1. Indexed from the end so the loop counter is
 * also the load offset (one LDRSB per operand on ARMv6-M). */
static SMELT_HOT int32_t smelt_dot1_s8(const int8_t *x, const int8_t *w, int32_t n, int32_t off, int32_t acc)
{
    int32_t i = -n;
    x += n;
    w += n;
    do {
        acc += ((int32_t)x[i] + off) * w[i];
    } while (++i != 0);
    return acc;
}

/* acc[0] += sum (x[i] + off) * w0[i], acc[1] += sum (x[i] + off) * w1[i]: two rows share each
 * input load and offset add; n >= 1. */
static SMELT_HOT void smelt_dot2_s8(const int8_t *x, const int8_t *w0, const int8_t *w1, int32_t n, int32_t off,
                                    int32_t *acc)
{
    int32_t a0 = acc[0], a1 = acc[1];
    int32_t i = -n;
    x += n;
    w0 += n;
    w1 += n;
    do {
        const int32_t v = (int32_t)x[i] + off;
        a0 += v * w0[i];
        a1 += v * w1[i];
    } while (++i != 0);
    acc[0] = a0;
    acc[1] = a1;
}

/* acc[i] += (x[i] + off) * w[i] for i < n (elementwise, for depthwise channel runs); n >= 1. */
static SMELT_HOT void smelt_madd_s8(const int8_t *x, const int8_t *w, int32_t n, int32_t off, int32_t *acc)
{
    int32_t i = 0;
    do {
        acc[i] += ((int32_t)x[i] + off) * w[i];
    } while (++i != n);
}

#endif /* SMELT_SIMD_H */
