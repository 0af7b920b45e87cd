#!/usr/bin/env python3
"""Builds the ONNX and TFLite fixtures of SmeltFrontendTests and records expected outputs.

    python3 -m venv .venv && .venv/bin/pip install -r Tests/Fixtures/requirements.txt
    .venv/bin/python Tests/Fixtures/make_fixtures.py            # both formats
    .venv/bin/python Tests/Fixtures/make_fixtures.py onnx       # only ONNX

ONNX models are written with onnx.helper and run with onnxruntime; TFLite int8 models are written
with tflite-micro's model_editor and run with tflite-micro's Python interpreter (TFLite Micro's
reference kernels). Each model `X` gets `X.onnx`/`X.tflite` and `X.json` with a few random inputs
and the oracle's outputs, both in Smelt's layout: no batch axis, images as H×W×C (NHWC) flattened.
Everything is seeded, so reruns give the same files.
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def to_smelt(a):
    """Drops the batch axis; NCHW → HWC for 4-D arrays. Returns a flat list of Python floats."""
    a = np.asarray(a)
    if a.ndim == 4:
        a = a[0].transpose(1, 2, 0)
    elif a.ndim >= 1 and a.shape[0] == 1:
        a = a[0]
    return [float(v) for v in a.reshape(-1)]


def write_expected(path, samples, extra=None):
    doc = {"samples": samples}
    if extra:
        doc.update(extra)
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    which = sys.argv[1:] or ["onnx", "tflite"]
    if "onnx" in which:
        import onnx_fixtures
        onnx_fixtures.main(os.path.join(HERE, "onnx"))
    if "tflite" in which:
        import tflite_fixtures
        tflite_fixtures.main(os.path.join(HERE, "tflite"))
