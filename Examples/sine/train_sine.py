"""Fit a 1-16-16-1 ReLU MLP to sin(x) on [0, 2*pi] with numpy only and export it as a Smelt model.

Writes, next to this script:
  sine.json              the model (Smelt model format, float32 weights): x [1] -> y [1]
  calibration.csv        200 evenly spaced x in [0, 2*pi] (header x, 4 decimals)
  inputs.csv             20 seeded-uniform x in [0, 2*pi], sorted (header x, 4 decimals)
  expected_outputs.csv   the exported float model's y on inputs.csv (header y)

Architecture: fc1 Dense 16 -> relu1 -> fc2 Dense 16 -> relu2 -> fc3 Dense 1 (linear).
Training: 2048 evenly spaced points, full-batch Adam (lr 1e-2 with cosine decay to 1e-4),
8000 steps, seed 7, float64 arithmetic, mean squared error. Figures are reported for the exported
float32 weights on a 100001-point grid over [0, 2*pi]. Re-running gives identical bytes.
"""

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import sys  # noqa: E402

import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from smelt_model import constant, graph_input, node, read_csv, write_csv, write_model  # noqa: E402

SEED = 7
STEPS = 8000
TRAIN_POINTS = 2048
LR_MAX, LR_MIN = 1e-2, 1e-4
LAYERS = [("fc1", 1, 16), ("fc2", 16, 16), ("fc3", 16, 1)]  # (name, in, out)
TWO_PI = 2.0 * np.pi


def init_params(rng):
    params = {}
    for name, fan_in, fan_out in LAYERS:
        params[f"{name}.weight"] = rng.normal(0, np.sqrt(2.0 / fan_in), (fan_out, fan_in))
        params[f"{name}.bias"] = np.zeros(fan_out)
    # Spread the first layer's kinks (at x = -b/w) over the input range [0, 2*pi].
    w1 = params["fc1.weight"][:, 0]
    params["fc1.bias"] = -w1 * rng.uniform(0, TWO_PI, w1.shape)
    return params


def forward(params, x):
    """x [N, 1] -> (y [N, 1], pre-activations of the hidden layers)."""
    a, pre = x, []
    for i, (name, _, _) in enumerate(LAYERS):
        z = a @ params[f"{name}.weight"].T + params[f"{name}.bias"]
        if i == len(LAYERS) - 1:
            return z, pre
        pre.append((a, z))
        a = np.maximum(z, 0.0)


def train(rng):
    x = np.linspace(0.0, TWO_PI, TRAIN_POINTS).reshape(-1, 1)
    target = np.sin(x)
    params = init_params(rng)
    m = {k: np.zeros_like(v) for k, v in params.items()}
    v = {k: np.zeros_like(p) for k, p in params.items()}
    b1, b2, eps = 0.9, 0.999, 1e-8
    for t in range(1, STEPS + 1):
        lr = LR_MIN + 0.5 * (LR_MAX - LR_MIN) * (1 + np.cos(np.pi * (t - 1) / STEPS))
        y, pre = forward(params, x)
        dz = 2.0 * (y - target) / len(x)
        grads = {}
        a_last = np.maximum(pre[-1][1], 0.0)
        grads["fc3.weight"], grads["fc3.bias"] = dz.T @ a_last, dz.sum(axis=0)
        da = dz @ params["fc3.weight"]
        for (name, _, _), (a_in, z) in zip(reversed(LAYERS[:-1]), reversed(pre)):
            dzh = da * (z > 0)
            grads[f"{name}.weight"], grads[f"{name}.bias"] = dzh.T @ a_in, dzh.sum(axis=0)
            da = dzh @ params[f"{name}.weight"]
        for key in params:
            m[key] = b1 * m[key] + (1 - b1) * grads[key]
            v[key] = b2 * v[key] + (1 - b2) * grads[key] ** 2
            mhat, vhat = m[key] / (1 - b1 ** t), v[key] / (1 - b2 ** t)
            params[key] -= lr * mhat / (np.sqrt(vhat) + eps)
        if t % 2000 == 0:
            print(f"step {t:5d}  mse {np.mean((y - target) ** 2):.3e}")
    return params


def export(params, path):
    tensors = [graph_input("x", [1])]
    nodes = []
    for i, (name, _, _) in enumerate(LAYERS):
        tensors += [constant(f"{name}.weight", params[f"{name}.weight"]),
                    constant(f"{name}.bias", params[f"{name}.bias"])]
        source = "x" if i == 0 else f"relu{i}.out"
        output = "y" if i == len(LAYERS) - 1 else f"{name}.out"
        nodes.append(node(name, "Dense", [source, f"{name}.weight", f"{name}.bias"], output,
                          {"activation": "none"}))
        if i < len(LAYERS) - 1:
            nodes.append(node(f"relu{i + 1}", "ReLU", [output], f"relu{i + 1}.out"))
    metadata = {"task": "regression", "function": "sin(x), x in [0, 2*pi]",
                "source": "Examples/sine/train_sine.py"}
    write_model(path, "sine", metadata, ["x"], ["y"], tensors, nodes)


def main():
    rng = np.random.default_rng(SEED)
    calibration = np.round(np.linspace(0.0, TWO_PI, 200), 4)
    inputs = np.sort(np.round(rng.uniform(0.0, TWO_PI, 20), 4))
    write_csv(os.path.join(HERE, "calibration.csv"), ["x"], calibration.reshape(-1, 1))
    write_csv(os.path.join(HERE, "inputs.csv"), ["x"], inputs.reshape(-1, 1))

    params = train(rng)
    params = {k: v.astype(np.float32).astype(np.float64) for k, v in params.items()}
    grid = np.linspace(0.0, TWO_PI, 100001).reshape(-1, 1)
    error = forward(params, grid)[0] - np.sin(grid)
    print(f"grid [0, 2pi], 100001 points: mse {np.mean(error ** 2):.3e}, "
          f"max |error| {np.abs(error).max():.4f} at x = {grid[np.abs(error).argmax(), 0]:.4f}")

    export(params, os.path.join(HERE, "sine.json"))
    _, x = read_csv(os.path.join(HERE, "inputs.csv"))
    x = x.astype(np.float32).astype(np.float64)  # exactly the values a float32 reader sees
    y = forward(params, x)[0]
    write_csv(os.path.join(HERE, "expected_outputs.csv"), ["y"], y)
    print(f"inputs.csv: max |y - sin(x)| {np.abs(y - np.sin(x)).max():.4f}; "
          "wrote sine.json, calibration.csv, inputs.csv, expected_outputs.csv")


if __name__ == "__main__":
    main()
