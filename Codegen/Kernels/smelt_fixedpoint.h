/* smelt_fixedpoint.h - integer requantization helpers shared by every Smelt kernel.
 *
 * These are TFLite's reference fixed-point primitives, in the "rounds twice" form that
 * TFLite Micro and CMSIS-NN use (docs/contracts.md, "Quantized graph"):
 *
 *   MultiplyByQuantizedMultiplier(x, M, shift)
 *     = RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x << max(shift, 0), M), max(-shift, 0))
 *
 * Worked example: x = 1000, M = 1518500250 (0.70710678 * 2^31), shift = -3.
 *   SRDHM(1000, M) = round(1000 * M / 2^31) = round(707.1068) = 707
 *   RoundingDivideByPOT(707, 3) = round(707 / 8 = 88.375) = 88
 * so 1000 * 0.70710678 / 8 = 88.39 requantizes to 88.
 *
 * Only <stdint.h>; no float, no division by a non-constant. Right shifts of negative values are
 * arithmetic on every compiler Smelt targets (gcc, clang, arm-none-eabi-gcc).
 */
#ifndef SMELT_FIXEDPOINT_H
#define SMELT_FIXEDPOINT_H

#include <stdint.h>

/* a * b / 2^31 rounded to nearest, ties upward (gemmlowp's nudge then truncate: +0.5 -> 1,
 * -0.5 -> 0); saturates the single overflow case a == b == INT32_MIN to INT32_MAX.
 * Examples: smelt_srdhm(1 << 30, 1 << 30) = 1 << 29; smelt_srdhm(-(1 << 30), 1) = 0.
 *
 * gemmlowp writes this as (ab + nudge) / 2^31 truncated toward zero, nudge = 2^30 when ab >= 0
 * and 1 - 2^30 when ab < 0. Both cases equal floor((ab + 2^30) / 2^31): for ab >= 0 the sum is
 * non-negative, so truncation is floor; for ab < 0 the sum t = ab + 1 - 2^30 is negative and
 * trunc(t / 2^31) = ceil(t / 2^31) = floor((t + 2^31 - 1) / 2^31) = floor((ab + 2^30) / 2^31).
 * The floor form is one multiply-accumulate and a shift on every target (no division). */
static inline int32_t smelt_srdhm(int32_t a, int32_t b)
{
    if (a == b && a == INT32_MIN) {
        return INT32_MAX;
    }
    return (int32_t)(((int64_t)a * (int64_t)b + ((int64_t)1 << 30)) >> 31);
}

/* x / 2^exponent rounded half away from zero, exponent in [0, 31].
 * Examples: (5, 1) -> 3, (-5, 1) -> -3, (6, 2) -> 2, (-6, 2) -> -2. */
static inline int32_t smelt_rounding_divide_by_pot(int32_t x, int32_t exponent)
{
    const int32_t mask = (int32_t)(((int64_t)1 << exponent) - 1);
    const int32_t remainder = x & mask;
    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* Saturates a 64-bit value to the int32 range. */
static inline int32_t smelt_saturate_s32(int64_t x)
{
    if (x > (int64_t)INT32_MAX) {
        return INT32_MAX;
    }
    if (x < (int64_t)INT32_MIN) {
        return INT32_MIN;
    }
    return (int32_t)x;
}

/* TFLite's MultiplyByQuantizedMultiplier: x * M * 2^(shift - 31), rounding twice.
 * x * 2^max(shift, 0) is taken in 64 bits and saturated to int32 (TFLite leaves that overflow
 * undefined; every non-overflowing input agrees). shift in [-31, 30].
 * A negative M (a channel with a negative channel scale, docs/kernel-sharing.md) gives
 * -smelt_mbqm(x, -M, shift): magnitude rounded as for +M, sign applied after; the magnitude
 * is below 2^31 - 1, so the negation cannot overflow. M is never INT32_MIN. */
static inline int32_t smelt_mbqm_positive(int32_t x, int32_t multiplier, int32_t shift)
{
    const int32_t left = shift > 0 ? shift : 0;
    const int32_t right = shift > 0 ? 0 : -shift;
    const int32_t shifted = smelt_saturate_s32((int64_t)x * ((int64_t)1 << left));
    return smelt_rounding_divide_by_pot(smelt_srdhm(shifted, multiplier), right);
}

static inline int32_t smelt_mbqm(int32_t x, int32_t multiplier, int32_t shift)
{
    if (multiplier < 0) {
        return -smelt_mbqm_positive(x, -multiplier, shift);
    }
    return smelt_mbqm_positive(x, multiplier, shift);
}

/* TFLite's MultiplyByQuantizedMultiplier for int64 accumulators (int16 "16x8" scheme): rounds once
 * with a 16-bit multiplier. reduced = M < 0x7FFF0000 ? (M + 2^15) >> 16 : 0x7FFF; total = 15 - shift;
 * x is clamped to [-2^47, 2^47 - 1]; result (x * reduced + 2^(total - 1)) >> total saturated to int32.
 * Example: (1000, 1077952576, -7): reduced 16448, total 22, (16448000 + 2^21) >> 22 = 4.
 * shift in [-31, 14]. */
static inline int64_t smelt_mbqm_wide_unclamped(int64_t x, int32_t multiplier, int32_t shift)
{
    const int64_t reduced = multiplier < 0x7FFF0000 ? (((int64_t)multiplier + (1 << 15)) >> 16) : 0x7FFF;
    const int32_t total = 15 - shift;
    const int64_t limit = (int64_t)1 << 47;
    const int64_t xc = x < -limit ? -limit : (x > limit - 1 ? limit - 1 : x);
    return (xc * reduced + ((int64_t)1 << (total - 1))) >> total;
}

/* A negative M gives saturate(-r), r the 64-bit result for -M (as in smelt_mbqm). */
static inline int32_t smelt_mbqm_wide(int64_t x, int32_t multiplier, int32_t shift)
{
    if (multiplier < 0) {
        return smelt_saturate_s32(-smelt_mbqm_wide_unclamped(x, -multiplier, shift));
    }
    return smelt_saturate_s32(smelt_mbqm_wide_unclamped(x, multiplier, shift));
}

/* Power-of-two requantization x * 2^-right: a rounding right shift (half away from zero) when
 * right > 0, else a left shift saturated to int32. right in [-31, 31].
 * Examples: (300, 4) -> 19 (18.75), (-24, 4) -> -2 (-1.5), (5, -3) -> 40. */
static inline int32_t smelt_rounding_shift(int32_t x, int32_t right)
{
    if (right > 0) {
        return smelt_rounding_divide_by_pot(x, right);
    }
    return smelt_saturate_s32((int64_t)x * ((int64_t)1 << -right));
}

/* Clamps x to [lo, hi]. */
static inline int32_t smelt_clamp_s32(int32_t x, int32_t lo, int32_t hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

/* clamp(r + offset, lo, hi) with the sum taken in 64 bits, so it cannot overflow. */
static inline int32_t smelt_offset_clamp(int32_t r, int32_t offset, int32_t lo, int32_t hi)
{
    const int64_t v = (int64_t)r + offset;
    return v < lo ? lo : (v > hi ? hi : (int32_t)v);
}

#if defined(__GNUC__)
#define SMELT_NOINLINE __attribute__((noinline, unused))
#define SMELT_LIKELY(x) __builtin_expect(!!(x), 1)
#else
#define SMELT_NOINLINE
#define SMELT_LIKELY(x) (x)
#endif

/* smelt_mbqm kept out of line: the rare path of smelt_requant_s8, so its inlined copies stay small. */
static SMELT_NOINLINE int32_t smelt_mbqm_outlined(int32_t x, int32_t multiplier, int32_t shift)
{
    return smelt_mbqm(x, multiplier, shift);
}

/* hi32(a * b + l), l = +2^30 for a >= 0 and -2^30 for a < 0, b >= 0: the one multiply of the fast
 * requantization path. ARMv6-M (Cortex-M0/M0+) has no 32 x 32 -> 64 multiply (GCC would call
 * __aeabi_lmul, a full 64 x 64 product), so there the high word is assembled from four 16 x 16
 * products (Hacker's Delight's mulhs) with l added as +-2^14 at the 2^16 position; every partial
 * sum fits int32 (|a1 * b0| < 2^31 - 2^15, the 2^16 carry and 2^14 stay below the margin). */
static inline int32_t smelt_hi32_plus_l(int32_t a, int32_t b)
{
#if defined(__ARM_ARCH_6M__) || defined(__ARM_ARCH_8M_BASE__)
    const uint32_t a0 = (uint32_t)a & 0xFFFFu;
    const int32_t a1 = a >> 16;
    const uint32_t b0 = (uint32_t)b & 0xFFFFu;
    const int32_t b1 = b >> 16;
    const uint32_t w0 = a0 * b0;
    const int32_t t = a1 * (int32_t)b0 + (int32_t)(w0 >> 16) + (a < 0 ? -(1 << 14) : (1 << 14));
    const int32_t w1 = (t & 0xFFFF) + (int32_t)(a0 * (uint32_t)b1);
    return a1 * b1 + (t >> 16) + (w1 >> 16);
#else
    /* l as the int32 0x40000000 or 0xC0000000, sign-extended */
    const int32_t l = (int32_t)(((uint32_t)a & 0x80000000u) | 0x40000000u);
    return (int32_t)(((int64_t)a * b + l) >> 32);
#endif
}

/* The s8 requantization of one accumulator, written for speed and equal to
 * smelt_offset_clamp(smelt_mbqm(acc, multiplier, shift), offset, lo, hi) for every input.
 *
 * Fast path, shift = -e with e >= 2 and multiplier >= 0 (every layer whose scale ratio is below
 * 1/4): the two roundings of smelt_mbqm are fused into one exact 64-bit step. With P = acc * M,
 * T = P + 2^30, r = floor(T / 2^31) = smelt_srdhm(acc, M), the rounding divide is
 *   r >= 0: floor((r + 2^(e-1)) / 2^e),   r < 0: floor((r + 2^(e-1) - 1) / 2^e),
 * and floor((floor(T / 2^31) + c) / 2^e) = floor((T + c * 2^31) / 2^(31+e)) for integer c, so
 *   result = floor(U / 2^(31+e)),  U = P + 2^30 + 2^(30+e) - [r < 0] * 2^31.
 * [r < 0] may be replaced by [acc < 0]: acc >= 0 gives r >= 0, acc < 0 gives r <= 0, and for
 * r = 0 both cases give 0. With l = +2^30 (acc >= 0) or -2^30 (acc < 0), U = P + l + 2^(30+e), and
 * as 2^(30+e) is a multiple of 2^32 for e >= 2: result = (hi32(P + l) + 2^(e-2)) >> (e-1), one
 * SMLAL and a few ALU operations; no sum overflows (|P| < 2^62, |hi32| < 2^30). The last step is
 * written ((h >> (e-2)) + 1) >> 1, equal by the same floor composition.
 * Worked example: acc = 1000, M = 1518500250, e = 3: hi32(1518500250000 + 2^30) = 353,
 * (353 + 2) >> 2 = 88, smelt_mbqm's 88.
 * Clamp: clamp(r + offset, lo, hi) == clamp(r, lo - offset, hi - offset) + offset, where lo - offset
 * and hi - offset (passed precomputed as lo_r, hi_r) fit int32 for int8 zero points and ranges.
 * Other shifts and negative multipliers take smelt_mbqm itself. */
static inline int32_t smelt_requant_s8(int32_t acc, int32_t multiplier, int32_t shift, int32_t offset,
                                       int32_t lo_r, int32_t hi_r)
{
    int32_t r;
    /* shift <= -2 and multiplier >= 0: the sign bits of shift + 1 and ~multiplier are both set */
    if (SMELT_LIKELY(((shift + 1) & ~multiplier) < 0)) {
        const int32_t h = smelt_hi32_plus_l(acc, multiplier);
        r = ((h >> (-shift - 2)) + 1) >> 1; /* (h + 2^(e-2)) >> (e-1) */
    } else {
        r = smelt_mbqm_outlined(acc, multiplier, shift);
    }
    r = r < lo_r ? lo_r : (r > hi_r ? hi_r : r);
    return r + offset;
}

#endif /* SMELT_FIXEDPOINT_H */
