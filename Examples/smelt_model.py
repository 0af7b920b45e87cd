"""Write Smelt model JSON files and CSV data files, byte-for-byte deterministically.

Shared by the example training scripts (Examples/digits/train_cnn.py, Examples/sine/train_sine.py).
Only the Python standard library and numpy are used.

Model format (version 1), keys written in this order:

    {
      "format": "smelt-model",
      "version": 1,
      "name": ...,
      "metadata": {string: string},
      "inputs": [tensor names],
      "outputs": [tensor names],
      "tensors": [one object per line: name, shape, dtype, data.base64 for constants],
      "nodes": [one object per line: name, op, inputs, output, attributes (when any)]
    }

Shapes exclude the batch axis. Constant data is little-endian float32, base64 encoded (RFC 4648,
with padding). Layouts follow TFLite: Conv2D weight [out, kH, kW, in], Dense weight [out, in],
activations [H, W, C] row-major.
"""

import base64
import json

import numpy as np


def constant(name, array):
    """A constant float32 tensor entry; `array`'s shape is the tensor shape."""
    values = np.ascontiguousarray(np.asarray(array, dtype="<f4"))
    return {
        "name": name,
        "shape": [int(d) for d in values.shape],
        "dtype": "float32",
        "data": {"base64": base64.b64encode(values.tobytes()).decode("ascii")},
    }


def graph_input(name, shape):
    """A float32 graph-input tensor entry (no data)."""
    return {"name": name, "shape": [int(d) for d in shape], "dtype": "float32"}


def node(name, op, inputs, output, attributes=None):
    """A node entry; `attributes` is omitted when None."""
    entry = {"name": name, "op": op, "inputs": list(inputs), "output": output}
    if attributes is not None:
        entry["attributes"] = attributes
    return entry


def _compact(obj):
    return json.dumps(obj, separators=(", ", ": "), ensure_ascii=True, allow_nan=False)


def model_json(name, metadata, inputs, outputs, tensors, nodes):
    """The model as text: 2-space indentation, one tensor and one node per line, final newline."""
    lines = [
        "{",
        '  "format": "smelt-model",',
        '  "version": 1,',
        f'  "name": {_compact(name)},',
        f'  "metadata": {_compact(metadata)},',
        f'  "inputs": {_compact(list(inputs))},',
        f'  "outputs": {_compact(list(outputs))},',
        '  "tensors": [',
        ",\n".join("    " + _compact(t) for t in tensors),
        "  ],",
        '  "nodes": [',
        ",\n".join("    " + _compact(n) for n in nodes),
        "  ]",
        "}",
    ]
    text = "\n".join(lines) + "\n"
    json.loads(text)  # the writer must always produce valid JSON
    return text


def write_model(path, name, metadata, inputs, outputs, tensors, nodes):
    """Write the model JSON to `path` (UTF-8, LF line endings)."""
    text = model_json(name, metadata, inputs, outputs, tensors, nodes)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def format_number(value, digits=9):
    """Shortest '%g'-style text with `digits` significant digits ('0', '1', '0.0625', '-1.5e-05')."""
    text = f"{float(value):.{digits}g}"
    return "0" if text == "-0" else text


def write_csv(path, header, rows, digits=9):
    """Write a header line and one line per row; numbers via `format_number`, ints as ints."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            cells = []
            for v in row:
                if isinstance(v, (int, np.integer)):
                    cells.append(str(int(v)))
                else:
                    cells.append(format_number(v, digits))
            f.write(",".join(cells) + "\n")


def read_csv(path):
    """Read a CSV written by `write_csv`: (header list, float64 array of rows)."""
    with open(path, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
        rows = [[float(c) for c in line.strip().split(",")] for line in f if line.strip()]
    return header, np.array(rows, dtype=np.float64)
