"""Train the float digits CNN with numpy only and export it as a Smelt model.

Run export_digits.py first (it writes train.csv, test.csv, inputs.csv). This script writes:
  digits.json            the model (Smelt model format, float32 weights)
  expected_outputs.csv   the exported float model's probabilities on inputs.csv (prob0..prob9)

Architecture (activations NHWC [H, W, C], no batch axis in the model):
  input [8, 8, 1]
  conv1   Conv2D 3x3, 8 filters, stride 1, 'same' (pad 1 before, 1 after)  -> [8, 8, 8]
  relu1   ReLU
  conv2   Conv2D 3x3, 16 filters, stride 2, 'same' (pad 0 before, 1 after) -> [4, 4, 16]
  relu2   ReLU
  flatten Flatten in row-major H, W, C order                               -> [256]
  fc      Dense 10 (logits)
  softmax Softmax (exported so the model outputs probabilities; training uses softmax cross-entropy)

Training: He-normal init, Adam (lr 3e-3 halved every 10 epochs), minibatch 32, 30 epochs,
seed 1234, float64 arithmetic. BLAS is pinned to one thread so re-running gives identical bytes.
Reported accuracies use the exported float32 weights.
"""

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import sys  # noqa: E402

import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from smelt_model import (constant, graph_input, node, read_csv,  # noqa: E402
                         write_csv, write_model)

SEED = 1234
EPOCHS = 30
BATCH = 32
LEARNING_RATE = 3e-3
# (name, kernel, in channels, out channels, stride, pad before, pad after) for an 8x8 input.
CONVS = [("conv1", 3, 1, 8, 1, 1, 1), ("conv2", 3, 8, 16, 2, 0, 1)]


def same_padding(size, kernel, stride):
    """TensorFlow 'same': (output, pad before, pad after); the larger half goes after."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return out, total // 2, total - total // 2


def im2col(x, k, stride, before, after):
    """[N, H, W, C] -> patches [N*Ho*Wo, k*k*C] in (kh, kw, c) order, matching weight [out, kH, kW, in]."""
    n, h, w, c = x.shape
    ho = (h + before + after - k) // stride + 1
    wo = (w + before + after - k) // stride + 1
    xp = np.pad(x, ((0, 0), (before, after), (before, after), (0, 0)))
    cols = np.empty((n, ho, wo, k, k, c), dtype=x.dtype)
    for i in range(k):
        for j in range(k):
            cols[:, :, :, i, j, :] = xp[:, i:i + stride * ho:stride, j:j + stride * wo:stride, :]
    return cols.reshape(n * ho * wo, k * k * c), (n, ho, wo)


def col2im(dcols, x_shape, k, stride, before, after, out_hw):
    """Adjoint of im2col: scatter-add patch gradients back to [N, H, W, C]."""
    n, h, w, c = x_shape
    ho, wo = out_hw
    dxp = np.zeros((n, h + before + after, w + before + after, c), dtype=dcols.dtype)
    d = dcols.reshape(n, ho, wo, k, k, c)
    for i in range(k):
        for j in range(k):
            dxp[:, i:i + stride * ho:stride, j:j + stride * wo:stride, :] += d[:, :, :, i, j, :]
    return dxp[:, before:before + h, before:before + w, :]


def init_params(rng):
    params = {}
    for name, k, cin, cout, _, _, _ in CONVS:
        params[f"{name}.weight"] = rng.normal(0, np.sqrt(2.0 / (k * k * cin)), (cout, k, k, cin))
        params[f"{name}.bias"] = np.zeros(cout)
    params["fc.weight"] = rng.normal(0, np.sqrt(1.0 / 256), (10, 256))
    params["fc.bias"] = np.zeros(10)
    return params


def forward(params, x):
    """Logits [N, 10] and the cache needed by `backward`."""
    cache = []
    a = x
    for name, k, _, cout, stride, before, after in CONVS:
        cols, (n, ho, wo) = im2col(a, k, stride, before, after)
        z = cols @ params[f"{name}.weight"].reshape(cout, -1).T + params[f"{name}.bias"]
        z = z.reshape(n, ho, wo, cout)
        cache.append((a.shape, cols, z))
        a = np.maximum(z, 0.0)
    flat = a.reshape(a.shape[0], -1)  # row-major [H, W, C] flatten, as Smelt's Flatten
    logits = flat @ params["fc.weight"].T + params["fc.bias"]
    return logits, (cache, flat)


def softmax(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def backward(params, logits, saved, y):
    """Mean softmax cross-entropy loss and its gradients."""
    cache, flat = saved
    n = logits.shape[0]
    p = softmax(logits)
    loss = -np.mean(np.log(p[np.arange(n), y] + 1e-12))
    dz = p.copy()
    dz[np.arange(n), y] -= 1.0
    dz /= n
    grads = {"fc.weight": dz.T @ flat, "fc.bias": dz.sum(axis=0)}
    da = (dz @ params["fc.weight"]).reshape(cache[-1][2].shape)
    for idx in reversed(range(len(CONVS))):
        name, k, _, cout, stride, before, after = CONVS[idx]
        x_shape, cols, z = cache[idx]
        dzc = (da * (z > 0)).reshape(-1, cout)
        grads[f"{name}.weight"] = (dzc.T @ cols).reshape(params[f"{name}.weight"].shape)
        grads[f"{name}.bias"] = dzc.sum(axis=0)
        if idx > 0:
            dcols = dzc @ params[f"{name}.weight"].reshape(cout, -1)
            da = col2im(dcols, x_shape, k, stride, before, after, z.shape[1:3])
    return loss, grads


def train(x, y, rng):
    params = init_params(rng)
    m = {k: np.zeros_like(v) for k, v in params.items()}
    v = {k: np.zeros_like(p) for k, p in params.items()}
    b1, b2, eps, t = 0.9, 0.999, 1e-8, 0
    for epoch in range(EPOCHS):
        lr = LEARNING_RATE * 0.5 ** (epoch // 10)
        order = rng.permutation(len(y))
        total = 0.0
        for start in range(0, len(y), BATCH):
            batch = order[start:start + BATCH]
            logits, saved = forward(params, x[batch])
            loss, grads = backward(params, logits, saved, y[batch])
            total += loss * len(batch)
            t += 1
            for key in params:
                m[key] = b1 * m[key] + (1 - b1) * grads[key]
                v[key] = b2 * v[key] + (1 - b2) * grads[key] ** 2
                mhat = m[key] / (1 - b1 ** t)
                vhat = v[key] / (1 - b2 ** t)
                params[key] -= lr * mhat / (np.sqrt(vhat) + eps)
        if epoch % 5 == 4 or epoch == EPOCHS - 1:
            print(f"epoch {epoch + 1:2d}  loss {total / len(y):.4f}")
    return params


def load(name, labelled):
    header, rows = read_csv(os.path.join(HERE, name))
    pixels = rows[:, :64] if labelled else rows
    assert header[:64] == [f"p{i}" for i in range(64)], f"{name}: unexpected header"
    x = pixels.astype(np.float32).astype(np.float64).reshape(-1, 8, 8, 1)
    y = rows[:, 64].astype(np.int64) if labelled else None
    return x, y


def export(params, path):
    tensors = [graph_input("input", [8, 8, 1])]
    tensors += [constant(name, params[name]) for name in
                ("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc.weight", "fc.bias")]
    nodes = [
        node("conv1", "Conv2D", ["input", "conv1.weight", "conv1.bias"], "conv1.out",
             {"strides": [1, 1], "padding": "same", "activation": "none"}),
        node("relu1", "ReLU", ["conv1.out"], "relu1.out"),
        node("conv2", "Conv2D", ["relu1.out", "conv2.weight", "conv2.bias"], "conv2.out",
             {"strides": [2, 2], "padding": "same", "activation": "none"}),
        node("relu2", "ReLU", ["conv2.out"], "relu2.out"),
        node("flatten", "Flatten", ["relu2.out"], "flat"),
        node("fc", "Dense", ["flat", "fc.weight", "fc.bias"], "logits", {"activation": "none"}),
        node("softmax", "Softmax", ["logits"], "probabilities"),
    ]
    metadata = {"task": "classification", "classes": "0,1,2,3,4,5,6,7,8,9",
                "source": "Examples/digits/train_cnn.py"}
    write_model(path, "digits", metadata, ["input"], ["probabilities"], tensors, nodes)


def main():
    for name, k, _, _, stride, before, after in CONVS:
        assert same_padding(8, k, stride)[1:] == (before, after)  # both conv inputs are 8x8
    x_train, y_train = load("train.csv", True)
    x_test, y_test = load("test.csv", True)
    x_inputs, _ = load("inputs.csv", False)

    params = train(x_train, y_train, np.random.default_rng(SEED))
    # Evaluate and export exactly what ships: float32 weights.
    params = {k: v.astype(np.float32).astype(np.float64) for k, v in params.items()}
    for label, x, y in (("train", x_train, y_train), ("test", x_test, y_test)):
        accuracy = np.mean(forward(params, x)[0].argmax(axis=1) == y)
        print(f"{label} accuracy {accuracy * 100:.2f} % ({int(round(accuracy * len(y)))}/{len(y)})")

    export(params, os.path.join(HERE, "digits.json"))
    probabilities = softmax(forward(params, x_inputs)[0])
    write_csv(os.path.join(HERE, "expected_outputs.csv"), [f"prob{i}" for i in range(10)], probabilities)
    print("wrote digits.json, expected_outputs.csv; input rows predicted as",
          probabilities.argmax(axis=1).tolist())


if __name__ == "__main__":
    main()
