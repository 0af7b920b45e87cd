/* smelt_learn_f32.c - training step of a Dense head in float32 (see smelt_learn.h). */
#ifndef SMELT_AMALGAMATED
#include "smelt_learn.h"
#endif

/* e^x for x <= 0: x*log2(e) = k + f (k = floor), e^x = 2^k * P(f*ln2), P the degree-7 Taylor
 * polynomial by Horner, 2^k from its exponent bits; 0 below 2^-126 (SmeltLearn LearnMath.exp). */
SMELT_API float smelt_learn_exp_f32(float x)
{
    static const float c[8] = {1.0f, 1.0f, 0.5f, 0.16666667f, 0.041666668f, 0.008333334f, 0.0013888889f, 0.0001984127f};
    union {
        uint32_t bits;
        float value;
    } scale;
    float t;
    float u;
    float r;
    int32_t k;
    int32_t j;
    if (!(x > -87.0f)) {
        return 0.0f;
    }
    t = x * 1.442695f;
    k = (int32_t)t;
    if ((float)k > t) {
        k -= 1;
    }
    u = (t - (float)k) * 0.6931472f;
    r = c[7];
    for (j = 6; j >= 0; --j) {
        r = r * u + c[j];
    }
    if (k < -126) {
        return 0.0f;
    }
    scale.bits = (uint32_t)(k + 127) << 23;
    return r * scale.value;
}

/* Forward through every layer: acts holds the head's input, then each layer's output, back to
 * back. z[o] = b[o]; z[o] += W[o][i] * x[i] for i in order; then the activation. Returns the
 * argmax of the last output (first on ties). */
SMELT_API int32_t smelt_learn_forward_f32(const smelt_learn_layer *layers, int32_t count, const float *params, float *acts)
{
    int32_t k;
    int32_t o;
    int32_t i;
    int32_t best = 0;
    const float *x = acts;
    float *y = acts;
    const float *w = params;
    for (k = 0; k < count; ++k) {
        const smelt_learn_layer *l = &layers[k];
        const float *b = w + l->outputs * l->inputs;
        y = (float *)x + l->inputs;
        for (o = 0; o < l->outputs; ++o) {
            float acc = b[o];
            for (i = 0; i < l->inputs; ++i) {
                acc += w[o * l->inputs + i] * x[i];
            }
            if (l->activation == 1) {
                acc = acc > 0.0f ? acc : 0.0f;
            } else if (l->activation == 2) {
                acc = acc > 0.0f ? (acc < 6.0f ? acc : 6.0f) : 0.0f;
            }
            y[o] = acc;
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

/* One SGD step (SmeltLearn OnlineLearner). acts[0 .. inputs) holds the features on entry.
 * label >= 0: softmax cross-entropy, g = softmax(z) - onehot(label); label < 0: mean-squared
 * error against target, g = 2 * (z - t) / n. Then from the last layer down: mask g by the
 * activation, g_below[i] = sum_o g[o] * W[o][i] (old weights), W[o][i] -= lr * (g[o] * x[i]),
 * b[o] -= lr * g[o]. grad_a, grad_b: scratch of the widest layer. Returns the class predicted
 * before the update. */
SMELT_API int32_t smelt_learn_step_f32(const smelt_learn_layer *layers, int32_t count, float *params, float *acts,
    float *grad_a, float *grad_b, int32_t label, const float *target, float learning_rate)
{
    const int32_t predicted = smelt_learn_forward_f32(layers, count, params, acts);
    int32_t act_offset = 0;
    int32_t param_offset = 0;
    int32_t k;
    int32_t o;
    int32_t i;
    int32_t n;
    float *g = grad_a;
    float *below = grad_b;
    const float *z;
    for (k = 0; k < count; ++k) {
        act_offset += layers[k].inputs;
        param_offset += layers[k].outputs * (layers[k].inputs + 1);
    }
    n = layers[count - 1].outputs;
    z = acts + act_offset;
    if (label >= 0) {
        float m = z[0];
        float sum = 0.0f;
        for (o = 1; o < n; ++o) {
            if (z[o] > m) {
                m = z[o];
            }
        }
        for (o = 0; o < n; ++o) {
            g[o] = smelt_learn_exp_f32(z[o] - m);
        }
        for (o = 0; o < n; ++o) {
            sum += g[o];
        }
        for (o = 0; o < n; ++o) {
            g[o] = g[o] / sum - (o == label ? 1.0f : 0.0f);
        }
    } else {
        for (o = 0; o < n; ++o) {
            g[o] = 2.0f * (z[o] - target[o]) / (float)n;
        }
    }
    for (k = count - 1; k >= 0; --k) {
        const smelt_learn_layer *l = &layers[k];
        float *w;
        float *b;
        const float *x;
        const float *y = acts + act_offset;
        float *swap;
        param_offset -= l->outputs * (l->inputs + 1);
        act_offset -= l->inputs;
        w = params + param_offset;
        b = w + l->outputs * l->inputs;
        x = acts + act_offset;
        for (o = 0; o < l->outputs; ++o) {
            if ((l->activation == 1 && !(y[o] > 0.0f)) || (l->activation == 2 && !(y[o] > 0.0f && y[o] < 6.0f))) {
                g[o] = 0.0f;
            }
        }
        if (k > 0) {
            for (i = 0; i < l->inputs; ++i) {
                float acc = 0.0f;
                for (o = 0; o < l->outputs; ++o) {
                    acc += g[o] * w[o * l->inputs + i];
                }
                below[i] = acc;
            }
        }
        for (o = 0; o < l->outputs; ++o) {
            for (i = 0; i < l->inputs; ++i) {
                w[o * l->inputs + i] -= learning_rate * (g[o] * x[i]);
            }
            b[o] -= learning_rate * g[o];
        }
        swap = g;
        g = below;
        below = swap;
    }
    return predicted;
}
