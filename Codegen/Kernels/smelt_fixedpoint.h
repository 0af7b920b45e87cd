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
 * Examples: smelt_srdhm(1 << 30, 1 << 30) = 1 << 29; smelt_srdhm(-(1 << 30), 1) = 0. */
static inline int32_t smelt_srdhm(int32_t a, int32_t b)
{
    int64_t ab;
    int64_t nudge;
    if (a == b && a == INT32_MIN) {
        return INT32_MAX;
    }
    ab = (int64_t)a * (int64_t)b;
    nudge = ab >= 0 ? ((int64_t)1 << 30) : (1 - ((int64_t)1 << 30));
    return (int32_t)((ab + nudge) / ((int64_t)1 << 31));
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

/* TFLite's MultiplyByQuantizedMultiplier: x * M * 2^(shift - 31), rounding twice.
 * The left shift wraps like TFLite's `x * (1 << left)` on two's-complement targets. */
static inline int32_t smelt_mbqm(int32_t x, int32_t multiplier, int32_t shift)
{
    const int32_t left = shift > 0 ? shift : 0;
    const int32_t right = shift > 0 ? 0 : -shift;
    const int32_t shifted = (int32_t)((uint32_t)x << left);
    return smelt_rounding_divide_by_pot(smelt_srdhm(shifted, multiplier), right);
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

/* Requantizes a 64-bit accumulator (int16 scheme): saturate to int32, then smelt_mbqm. */
static inline int32_t smelt_mbqm_s64(int64_t x, int32_t multiplier, int32_t shift)
{
    return smelt_mbqm(smelt_saturate_s32(x), multiplier, shift);
}

/* Power-of-two requantization: x * 2^shift, a saturating left shift when shift >= 0,
 * otherwise a rounding right shift (half away from zero). Example: (37, -3) -> 5 (4.625). */
static inline int32_t smelt_shift_requant(int32_t x, int32_t shift)
{
    if (shift >= 0) {
        return smelt_saturate_s32((int64_t)x * ((int64_t)1 << (shift > 31 ? 31 : shift)));
    }
    return smelt_rounding_divide_by_pot(x, -shift > 31 ? 31 : -shift);
}

/* Clamps x to [lo, hi]. */
static inline int32_t smelt_clamp_s32(int32_t x, int32_t lo, int32_t hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

#endif /* SMELT_FIXEDPOINT_H */
