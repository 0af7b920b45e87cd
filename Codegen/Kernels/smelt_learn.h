/* smelt_learn.h - the on-device training step of a trainable Dense head (TinyOL-style).
 *
 * A head is a chain of Dense layers (weights [out][in] then bias [out], one after the other in
 * one parameter array) that lives in RAM and learns by SGD, batch size 1, from each sample. Two
 * arithmetics, chosen when the model is compiled:
 *   _f32  float32, for cores with an FPU. No libm: e^x is smelt_learn_exp_f32. Compile with
 *         floating-point contraction off (gcc: -std=c99 or -ffp-contract=off) to get the same
 *         bits as Smelt's Swift runtime (SmeltLearn.OnlineLearner).
 *   _q    int32 Q7.24 fixed point (value * 2^24), saturating, for cores without an FPU; bit for
 *         bit SmeltLearn.FixedPointLearner. Products round half up: (a*b + 2^23) >> 24.
 * The order of every operation is documented in SmeltLearn (LearnMath, OnlineLearner,
 * FixedPointLearner); these kernels follow it line for line.
 */
#ifndef SMELT_LEARN_H
#define SMELT_LEARN_H

#include <stdint.h>

#ifndef SMELT_API
#ifdef SMELT_AMALGAMATED
#define SMELT_API static
#else
#define SMELT_API
#endif
#endif

/* One trainable Dense layer: activation 0 none, 1 ReLU, 2 ReLU6. */
typedef struct {
    int32_t inputs;
    int32_t outputs;
    int32_t activation;
} smelt_learn_layer;

#define SMELT_LEARN_FRAC_BITS 24
#define SMELT_LEARN_ONE ((int32_t)1 << SMELT_LEARN_FRAC_BITS)

#ifndef SMELT_AMALGAMATED
float smelt_learn_exp_f32(float x);
int32_t smelt_learn_step_f32(const smelt_learn_layer *layers, int32_t count, float *params, float *acts,
    float *grad_a, float *grad_b, int32_t label, const float *target, float learning_rate);
int32_t smelt_learn_forward_f32(const smelt_learn_layer *layers, int32_t count, const float *params, float *acts);
int32_t smelt_learn_exp_q(int32_t x);
int32_t smelt_learn_step_q(const smelt_learn_layer *layers, int32_t count, int32_t *params, int32_t *acts,
    int32_t *grad_a, int32_t *grad_b, int32_t label, const int32_t *target, int32_t learning_rate);
int32_t smelt_learn_forward_q(const smelt_learn_layer *layers, int32_t count, const int32_t *params, int32_t *acts);
#endif

#endif /* SMELT_LEARN_H */
