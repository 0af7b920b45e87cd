/* smelt_learn_q.c - training step of a Dense head in Q7.24 fixed point (see smelt_learn.h).
 * Integer only: no float, no libm; 64-bit products and one 64-bit division per output. */
#ifndef SMELT_AMALGAMATED
#include "smelt_learn.h"
#endif

static int32_t smelt_learn_sat_q(int64_t x)
{
    return x > (int64_t)INT32_MAX ? INT32_MAX : (x < (int64_t)INT32_MIN ? INT32_MIN : (int32_t)x);
}

/* (a*b + 2^23) >> 24, not saturated. */
static int64_t smelt_learn_mulwide_q(int32_t a, int32_t b)
{
    return ((int64_t)a * (int64_t)b + ((int64_t)1 << 23)) >> 24;
}

static int32_t smelt_learn_mul_q(int32_t a, int32_t b)
{
    return smelt_learn_sat_q(smelt_learn_mulwide_q(a, b));
}

static int32_t smelt_learn_sub_q(int32_t a, int32_t b)
{
    return smelt_learn_sat_q((int64_t)a - (int64_t)b);
}

/* e^x for x <= 0 in Q7.24 (SmeltLearn LearnMath.exp): 0 below -16; t = round(x*log2 e),
 * k = floor(t), P(f*ln2) by Horner with round(2^24/j!), then a rounding shift right by -k. */
SMELT_API int32_t smelt_learn_exp_q(int32_t x)
{
    static const int32_t c[8] = {16777216, 16777216, 8388608, 2796203, 699051, 139810, 23302, 3329};
    int64_t t;
    int32_t k;
    int32_t f;
    int32_t u;
    int32_t r;
    int32_t s;
    int32_t j;
    if (x < -(16 * SMELT_LEARN_ONE)) {
        return 0;
    }
    t = ((int64_t)x * 24204406 + ((int64_t)1 << 23)) >> 24;
    k = (int32_t)(t >> 24);
    f = (int32_t)(t - (int64_t)k * ((int64_t)1 << 24));
    u = smelt_learn_mul_q(f, 11629080);
    r = c[7];
    for (j = 6; j >= 0; --j) {
        r = smelt_learn_mul_q(r, u) + c[j];
    }
    s = -k;
    if (s <= 0) {
        return r;
    }
    if (s > 30) {
        return 0;
    }
    return (r + ((int32_t)1 << (s - 1))) >> s;
}

/* Forward through every layer (acts: the input, then each layer's output, back to back):
 * y[o] = act(sat(b[o] + sum_i mulwide(W[o][i], x[i]))). Returns the argmax of the last output. */
SMELT_API int32_t smelt_learn_forward_q(const smelt_learn_layer *layers, int32_t count, const int32_t *params, int32_t *acts)
{
    int32_t k;
    int32_t o;
    int32_t i;
    int32_t best = 0;
    const int32_t *x = acts;
    int32_t *y = acts;
    const int32_t *w = params;
    for (k = 0; k < count; ++k) {
        const smelt_learn_layer *l = &layers[k];
        const int32_t *b = w + l->outputs * l->inputs;
        y = (int32_t *)x + l->inputs;
        for (o = 0; o < l->outputs; ++o) {
            int64_t acc = b[o];
            int32_t v;
            for (i = 0; i < l->inputs; ++i) {
                acc += smelt_learn_mulwide_q(w[o * l->inputs + i], x[i]);
            }
            v = smelt_learn_sat_q(acc);
            if (l->activation == 1) {
                v = v > 0 ? v : 0;
            } else if (l->activation == 2) {
                v = v > 0 ? (v < 6 * SMELT_LEARN_ONE ? v : 6 * SMELT_LEARN_ONE) : 0;
            }
            y[o] = v;
        }
        w = b + l->outputs;
        x = y;
    }
    for (o = 1; o < layers[count - 1].outputs; ++o) {
        if (y[o] > y[best]) {
            best = o;
        }
    }
    return best;
}

/* One SGD step (SmeltLearn FixedPointLearner). label >= 0: softmax cross-entropy,
 * p_i = (e_i * 2^24 + S/2) / S with e_i = exp(z_i - max z), S = sum e_i, g = p - onehot;
 * label < 0: MSE, g_i = 2 * sub(z_i, t_i) / n. From the last layer down: mask g by the
 * activation, g_below[i] = sat(sum_o mulwide(g[o], W[o][i])) with the old weights,
 * lg = mul(lr, g[o]), W[o][i] = sub(W[o][i], mul(lg, x[i])), b[o] = sub(b[o], lg).
 * Returns the class predicted before the update. */
SMELT_API int32_t smelt_learn_step_q(const smelt_learn_layer *layers, int32_t count, int32_t *params, int32_t *acts,
    int32_t *grad_a, int32_t *grad_b, int32_t label, const int32_t *target, int32_t learning_rate)
{
    const int32_t predicted = smelt_learn_forward_q(layers, count, params, acts);
    int32_t act_offset = 0;
    int32_t param_offset = 0;
    int32_t k;
    int32_t o;
    int32_t i;
    int32_t n;
    int32_t *g = grad_a;
    int32_t *below = grad_b;
    const int32_t *z;
    for (k = 0; k < count; ++k) {
        act_offset += layers[k].inputs;
        param_offset += layers[k].outputs * (layers[k].inputs + 1);
    }
    n = layers[count - 1].outputs;
    z = acts + act_offset;
    if (label >= 0) {
        int32_t m = z[0];
        int64_t sum = 0;
        for (o = 1; o < n; ++o) {
            if (z[o] > m) {
                m = z[o];
            }
        }
        for (o = 0; o < n; ++o) {
            g[o] = smelt_learn_exp_q(smelt_learn_sub_q(z[o], m));
            sum += g[o];
        }
        for (o = 0; o < n; ++o) {
            const int32_t p = (int32_t)((((int64_t)g[o] << 24) + sum / 2) / sum);
            g[o] = o == label ? p - SMELT_LEARN_ONE : p;
        }
    } else {
        for (o = 0; o < n; ++o) {
            g[o] = (int32_t)(2 * (int64_t)smelt_learn_sub_q(z[o], target[o]) / n);
        }
    }
    for (k = count - 1; k >= 0; --k) {
        const smelt_learn_layer *l = &layers[k];
        int32_t *w;
        int32_t *b;
        const int32_t *x;
        const int32_t *y = acts + act_offset;
        int32_t *swap;
        param_offset -= l->outputs * (l->inputs + 1);
        act_offset -= l->inputs;
        w = params + param_offset;
        b = w + l->outputs * l->inputs;
        x = acts + act_offset;
        for (o = 0; o < l->outputs; ++o) {
            if ((l->activation == 1 && !(y[o] > 0)) || (l->activation == 2 && !(y[o] > 0 && y[o] < 6 * SMELT_LEARN_ONE))) {
                g[o] = 0;
            }
        }
        if (k > 0) {
            for (i = 0; i < l->inputs; ++i) {
                int64_t acc = 0;
                for (o = 0; o < l->outputs; ++o) {
                    acc += smelt_learn_mulwide_q(g[o], w[o * l->inputs + i]);
                }
                below[i] = smelt_learn_sat_q(acc);
            }
        }
        for (o = 0; o < l->outputs; ++o) {
            const int32_t lg = smelt_learn_mul_q(learning_rate, g[o]);
            for (i = 0; i < l->inputs; ++i) {
                w[o * l->inputs + i] = smelt_learn_sub_q(w[o * l->inputs + i], smelt_learn_mul_q(lg, x[i]));
            }
            b[o] = smelt_learn_sub_q(b[o], lg);
        }
        swap = g;
        g = below;
        below = swap;
    }
    return predicted;
}
