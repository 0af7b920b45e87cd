"""TFLite int8 fixtures written with tflite-micro's model_editor and run by its interpreter.

Called by make_fixtures.py. Each layer's output scale comes from a float (numpy) pass over
calibration inputs, as a post-training quantizer would choose it; weights are int8 symmetric per
output channel (FC per tensor in `fc_per_tensor`), biases int32 at s_in·s_w. Inputs and outputs
are int8 (no QUANTIZE/DEQUANTIZE) except `edges`, whose float input/output are recorded too.
"""
import os

import flatbuffers
import numpy as np
from tflite_micro.python.tflite_micro import runtime
from tflite_micro.tensorflow.lite.micro.compression import model_editor as me
from tflite_micro.tensorflow.lite.micro.python import schema_py_generated as tfl

from make_fixtures import write_expected

RNG = np.random.default_rng(777)
OP = tfl.BuiltinOperator
ACT = {"none": 0, "relu": 1, "relu6": 3}


def qparams(lo, hi):
    """Asymmetric int8 scale/zero point covering [lo, hi] (always including 0)."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    scale = max((hi - lo) / 255.0, 1e-6)
    zp = int(np.clip(round(-128 - lo / scale), -128, 127))
    return np.float32(scale), zp


class Value:
    """A float calibration value (batch of NHWC arrays) and its int8 tensor."""

    def __init__(self, tensor, real, scale, zp):
        self.tensor, self.real, self.scale, self.zp = tensor, real, scale, zp


class Builder:
    def __init__(self):
        self.sg = me.Subgraph()
        self.n = 0
        self.inputs_values = []

    def act(self, name, real, scale=None, zp=None, act="none"):
        if act == "relu":
            real = np.maximum(real, 0)
        elif act == "relu6":
            real = np.clip(real, 0, 6)
        if scale is None:
            scale, zp = qparams(float(real.min()), float(real.max()))
        t = self.sg.add_tensor(shape=(1,) + real.shape[1:], dtype=tfl.TensorType.INT8, name=name,
                               quantization=me.Quantization(float(scale), int(zp)))
        return Value(t, real, np.float32(scale), zp)

    def input(self, name, shape, like=None):
        scale, zp = np.float32(RNG.uniform(0.01, 0.05)), int(RNG.integers(-20, 20))
        if like is not None:
            scale, zp = like.scale, like.zp
        q = RNG.integers(-128, 128, (64,) + shape)
        v = Value(None, (scale * (q - zp)).astype(np.float32), scale, zp)
        v.tensor = self.sg.add_tensor(shape=(1,) + shape, dtype=tfl.TensorType.INT8, name=name,
                                      quantization=me.Quantization(float(scale), zp))
        self.sg.inputs.append(v.tensor)
        self.inputs_values.append(v)
        return v

    def const(self, name, data, dtype, scales, axis=None):
        zps = [0] * len(scales) if axis is not None else 0
        sc = [float(s) for s in scales] if axis is not None else float(scales[0])
        return self.sg.add_tensor(shape=data.shape, dtype=dtype, name=name, data=data,
                                  quantization=me.Quantization(sc, zps, axis=axis))

    def op(self, code, inputs, outputs, opt_type=None, opt=None):
        o = me.Operator(opcode=code, inputs=inputs, outputs=outputs)
        if opt is not None:
            o._fb.builtinOptionsType = opt_type
            o._fb.builtinOptions = opt
        self.sg.operators.append(o)

    def weights(self, name, w_real, axis, per_channel=True):
        """int8 symmetric weights; per channel along `axis` (or per tensor)."""
        red = tuple(i for i in range(w_real.ndim) if i != axis)
        amax = np.abs(w_real).max(axis=red) if per_channel else np.array([np.abs(w_real).max()])
        scales = (np.maximum(amax, 1e-6) / 127).astype(np.float32)
        shape = [1] * w_real.ndim
        if per_channel:
            shape[axis] = -1
        q = np.clip(np.round(w_real / scales.reshape(shape)), -127, 127).astype(np.int8)
        t = self.const(name, q, tfl.TensorType.INT8, scales, axis if per_channel else None)
        return t, q.astype(np.float32) * scales.reshape(shape), scales

    def bias(self, name, b_real, s_in, w_scales, n):
        s = (np.float32(s_in) * w_scales).astype(np.float32) * np.ones(n, np.float32)
        q = np.round(b_real / s).astype(np.int32)
        return self.const(name, q, tfl.TensorType.INT32, s, 0), q * s

    def conv(self, x, cout, k, stride=1, padding="same", act="none", depthwise=False):
        self.n += 1
        name = f"{'dw' if depthwise else 'conv'}{self.n}"
        cin = x.real.shape[-1]
        if depthwise:
            w_real = RNG.standard_normal((1, k, k, cin)).astype(np.float32) / k
            wt, wq, ws = self.weights(name + "_w", w_real, 3)
            cout = cin
        else:
            w_real = (RNG.standard_normal((cout, k, k, cin)) / np.sqrt(k * k * cin)).astype(np.float32)
            wt, wq, ws = self.weights(name + "_w", w_real, 0)
        bt, bq = self.bias(name + "_b", RNG.standard_normal(cout).astype(np.float32) * 0.1, x.scale, ws, cout)
        y = conv_ref(x.real, wq, stride, padding, depthwise) + bq
        out = self.act(name, y, act=act)
        if depthwise:
            opt, t = tfl.DepthwiseConv2DOptionsT(), tfl.BuiltinOptions.DepthwiseConv2DOptions
            opt.depthMultiplier = 1
        else:
            opt, t = tfl.Conv2DOptionsT(), tfl.BuiltinOptions.Conv2DOptions
        opt.padding = 0 if padding == "same" else 1
        opt.strideW = opt.strideH = stride
        opt.fusedActivationFunction = ACT[act]
        self.op(OP.DEPTHWISE_CONV_2D if depthwise else OP.CONV_2D, [x.tensor, wt, bt], [out.tensor], t, opt)
        return out

    def fc(self, x, n, act="none", per_channel=True):
        self.n += 1
        name = f"fc{self.n}"
        feats = int(np.prod(x.real.shape[1:]))
        w_real = (RNG.standard_normal((n, feats)) / np.sqrt(feats)).astype(np.float32)
        wt, wq, ws = self.weights(name + "_w", w_real, 0, per_channel)
        bt, bq = self.bias(name + "_b", RNG.standard_normal(n).astype(np.float32) * 0.1, x.scale, ws, n)
        y = x.real.reshape(len(x.real), -1) @ wq.T + bq
        out = self.act(name, y, act=act)
        opt = tfl.FullyConnectedOptionsT()
        opt.fusedActivationFunction = ACT[act]
        self.op(OP.FULLY_CONNECTED, [x.tensor, wt, bt], [out.tensor], tfl.BuiltinOptions.FullyConnectedOptions, opt)
        return out

    def pool(self, x, k, stride, padding="valid", kind="max"):
        self.n += 1
        y = pool_ref(x.real, k, stride, padding, kind)
        out = self.act(f"{kind}pool{self.n}", y, x.scale, x.zp)   # pools keep the input's parameters
        opt = tfl.Pool2DOptionsT()
        opt.padding = 0 if padding == "same" else 1
        opt.strideW = opt.strideH = stride
        opt.filterWidth = opt.filterHeight = k
        self.op(OP.MAX_POOL_2D if kind == "max" else OP.AVERAGE_POOL_2D, [x.tensor], [out.tensor], tfl.BuiltinOptions.Pool2DOptions, opt)
        return out

    def mean(self, x):
        self.n += 1
        axes = self.sg.add_tensor(shape=(2,), dtype=tfl.TensorType.INT32, name=f"axes{self.n}", data=np.array([1, 2], np.int32))
        y = x.real.mean(axis=(1, 2), keepdims=True)
        out = self.act(f"mean{self.n}", y, x.scale, x.zp)
        opt = tfl.ReducerOptionsT()
        opt.keepDims = True
        self.op(OP.MEAN, [x.tensor, axes], [out.tensor], tfl.BuiltinOptions.ReducerOptions, opt)
        return out

    def reshape(self, x, shape):
        self.n += 1
        st = self.sg.add_tensor(shape=(len(shape) + 1,), dtype=tfl.TensorType.INT32, name=f"shape{self.n}",
                                data=np.array((1,) + shape, np.int32))
        out = self.act(f"reshape{self.n}", x.real.reshape((len(x.real),) + shape), x.scale, x.zp)
        opt = tfl.ReshapeOptionsT()
        opt.newShape = [1] + list(shape)
        self.op(OP.RESHAPE, [x.tensor, st], [out.tensor], tfl.BuiltinOptions.ReshapeOptions, opt)
        return out

    def unary(self, x, kind):
        self.n += 1
        fixed = {"softmax": (1 / 256, -128), "logistic": (1 / 256, -128), "tanh": (1 / 128, 0)}[kind]
        r = x.real
        y = {"softmax": lambda: np.exp(r - r.max(-1, keepdims=True)) / np.exp(r - r.max(-1, keepdims=True)).sum(-1, keepdims=True),
             "logistic": lambda: 1 / (1 + np.exp(-r)), "tanh": lambda: np.tanh(r)}[kind]()
        out = self.act(f"{kind}{self.n}", y.astype(np.float32), *fixed)
        code = {"softmax": OP.SOFTMAX, "logistic": OP.LOGISTIC, "tanh": OP.TANH}[kind]
        if kind == "softmax":
            opt = tfl.SoftmaxOptionsT()
            opt.beta = 1.0
            self.op(code, [x.tensor], [out.tensor], tfl.BuiltinOptions.SoftmaxOptions, opt)
        else:
            self.op(code, [x.tensor], [out.tensor])
        return out

    def add(self, a, b, act="none"):
        self.n += 1
        out = self.act(f"add{self.n}", a.real + b.real, act=act)
        opt = tfl.AddOptionsT()
        opt.fusedActivationFunction = ACT[act]
        self.op(OP.ADD, [a.tensor, b.tensor], [out.tensor], tfl.BuiltinOptions.AddOptions, opt)
        return out

    def concat(self, xs):
        self.n += 1
        # TFLite Micro's int8 CONCATENATION requires every input to share the output's parameters.
        out = self.act(f"concat{self.n}", np.concatenate([x.real for x in xs], axis=-1), xs[0].scale, xs[0].zp)
        opt = tfl.ConcatenationOptionsT()
        opt.axis = len(xs[0].real.shape) - 1
        self.op(OP.CONCATENATION, [x.tensor for x in xs], [out.tensor], tfl.BuiltinOptions.ConcatenationOptions, opt)
        return out

    def finish(self, outputs):
        self.sg.outputs = [o.tensor for o in outputs]
        return bytes(me.Model(subgraphs=[self.sg], description="smelt fixture").build())


def same_pads(n, k, s):
    out = -(-n // s)
    total = max((out - 1) * s + k - n, 0)
    return total // 2, total - total // 2


def conv_ref(x, w, stride, padding, depthwise):
    """Float NHWC conv: w [O, kH, kW, I] (or [1, kH, kW, C] depthwise)."""
    _, h, wd, c = x.shape
    k = w.shape[1]
    if padding == "same":
        (pt, pb), (pl, pr) = same_pads(h, k, stride), same_pads(wd, k, stride)
        x = np.pad(x, ((0, 0), (pt, pb), (pl, pr), (0, 0)))
    oh, ow = (x.shape[1] - k) // stride + 1, (x.shape[2] - k) // stride + 1
    out = np.zeros((len(x), oh, ow, c if depthwise else w.shape[0]), np.float32)
    for i in range(k):
        for j in range(k):
            patch = x[:, i:i + oh * stride:stride, j:j + ow * stride:stride, :]
            out += patch * w[0, i, j] if depthwise else patch @ w[:, i, j, :].T
    return out


def pool_ref(x, k, stride, padding, kind):
    _, h, wd, c = x.shape
    fill = -np.inf if kind == "max" else np.nan
    if padding == "same":
        (pt, pb), (pl, pr) = same_pads(h, k, stride), same_pads(wd, k, stride)
        x = np.pad(x, ((0, 0), (pt, pb), (pl, pr), (0, 0)), constant_values=fill)
    oh, ow = (x.shape[1] - k) // stride + 1, (x.shape[2] - k) // stride + 1
    wins = np.stack([x[:, i:i + oh * stride:stride, j:j + ow * stride:stride, :] for i in range(k) for j in range(k)])
    return wins.max(0) if kind == "max" else np.nanmean(wins, 0)


def record(folder, name, data, inputs, samples=8, float_io=False, outputs=1):
    with open(os.path.join(folder, name + ".tflite"), "wb") as f:
        f.write(data)
    rows = []
    interp = runtime.Interpreter.from_bytes(data)
    for s in range(samples):
        feeds = {}
        for i, v in enumerate(inputs):
            x = v.real[s:s + 1] if float_io else np.round(v.real[s:s + 1] / v.scale + v.zp).clip(-128, 127).astype(np.int8)
            interp.set_input(x, i)
            feeds[v.tensor.name] = [float(a) if float_io else int(a) for a in x.reshape(-1)]
        interp.invoke()
        outs = [[float(a) if float_io else int(a) for a in np.asarray(interp.get_output(k)).reshape(-1)] for k in range(outputs)]
        rows.append({"inputs": feeds, "outputs": outs})
        interp.reset()
    write_expected(os.path.join(folder, name + ".json"), rows, {"oracle": "tflite-micro " + "interpreter (reference kernels)"})


def fixtures():
    def img(h=8, w=8, c=3):
        b = Builder()
        return b, b.input("x", (h, w, c))

    out = {}
    b, x = img(); out["conv_relu"] = (b, [b.conv(x, 4, 3, act="relu")])
    b, x = img(9, 9); out["conv_same_s2_relu6"] = (b, [b.conv(x, 5, 3, stride=2, act="relu6")])
    b, x = img(); out["conv_valid"] = (b, [b.conv(x, 4, 3, padding="valid")])
    b, x = img(); out["depthwise_relu"] = (b, [b.conv(x, 0, 3, act="relu", depthwise=True)])
    b, x = img(9, 9); out["depthwise_valid_s2"] = (b, [b.conv(x, 0, 3, stride=2, padding="valid", depthwise=True)])
    b, x = img(); out["maxpool"] = (b, [b.pool(x, 2, 2)])
    b, x = img(7, 7); out["maxpool_same"] = (b, [b.pool(x, 3, 2, "same")])
    b, x = img(); out["avgpool"] = (b, [b.pool(x, 2, 2, kind="avg")])
    b, x = img(7, 7); out["avgpool_same"] = (b, [b.pool(x, 3, 1, "same", kind="avg")])
    b, x = img(); out["mean"] = (b, [b.mean(x)])
    b, x = img(4, 4, 2); out["reshape_fc"] = (b, [b.fc(b.reshape(x, (32,)), 6)])
    b = Builder(); v = b.input("x", (16,)); out["fc"] = (b, [b.fc(v, 8)])
    b = Builder(); v = b.input("x", (16,)); out["fc_per_tensor_relu"] = (b, [b.fc(v, 8, act="relu", per_channel=False)])
    b = Builder(); v = b.input("x", (10,)); out["softmax"] = (b, [b.unary(v, "softmax")])
    b = Builder(); v = b.input("x", (10,)); out["logistic"] = (b, [b.unary(v, "logistic")])
    b = Builder(); v = b.input("x", (10,)); out["tanh"] = (b, [b.unary(v, "tanh")])
    b = Builder(); p, q = b.input("a", (4, 4, 3)), b.input("b", (4, 4, 3)); out["add_relu"] = (b, [b.add(p, q, act="relu")])
    b = Builder(); p = b.input("a", (4, 4, 3)); q = b.input("b", (4, 4, 2), like=p); out["concat"] = (b, [b.concat([p, q])])
    b, x = img(12, 12, 1)
    h = b.conv(x, 8, 3, act="relu")
    h = b.conv(h, 0, 3, act="relu6", depthwise=True)
    h = b.pool(h, 2, 2)
    h = b.conv(h, 12, 1, act="relu")
    h = b.mean(h)
    out["cnn"] = (b, [b.unary(b.fc(h, 10), "softmax")])
    b = Builder(); v = b.input("x", (16,))
    out["mlp"] = (b, [b.unary(b.fc(b.fc(b.fc(v, 32, "relu"), 32, "relu"), 10), "softmax")])
    return out


def edges(folder):
    """float → QUANTIZE → FULLY_CONNECTED → DEQUANTIZE → float; also uses deprecated_builtin_code."""
    b = Builder()
    real = RNG.standard_normal((8, 6)).astype(np.float32)
    xf = b.sg.add_tensor(shape=(1, 6), dtype=tfl.TensorType.FLOAT32, name="x_float")
    b.sg.inputs.append(xf)
    q = b.act("x_q", real)
    b.op(OP.QUANTIZE, [xf], [q.tensor])
    y = b.fc(q, 4)
    yf = b.sg.add_tensor(shape=(1, 4), dtype=tfl.TensorType.FLOAT32, name="y_float")
    b.op(OP.DEQUANTIZE, [y.tensor], [yf])
    b.sg.outputs = [yf]
    codes = []
    for code in [OP.QUANTIZE, OP.FULLY_CONNECTED, OP.DEQUANTIZE]:
        c = tfl.OperatorCodeT()
        c.builtinCode = code
        c.deprecatedBuiltinCode = min(code, 127)
        codes.append(me.OperatorCode(_fb=c))
    data = bytes(me.Model(subgraphs=[b.sg], operator_codes=codes, description="edges").build())
    record(folder, "edges", data, [Value(xf, real, 1, 0)], float_io=True)


def exhaustive(folder):
    """Every int8 input value through LOGISTIC, TANH and SOFTMAX (one row of all 256 values, so every
    difference from the row maximum occurs, plus random rows), at several input scales; MEAN whose
    output parameters differ from its input's (TFLite Micro's multiplier path). Built after `edges`
    so the earlier fixtures keep their random draws."""
    every = np.arange(-128, 128)
    built = {}
    for kind, scales in [("logistic", [0.02, 0.0625, 0.15]), ("tanh", [0.01, 0.04, 0.1]), ("softmax", [0.01, 0.05, 0.2])]:
        for k, scale in enumerate(scales):
            b = Builder()
            v = b.input("x", (256,))
            zp = int(RNG.integers(-30, 30))
            q = np.concatenate([every[None, :], RNG.integers(-128, 128, (7, 256))])
            v.scale, v.zp = np.float32(scale), zp
            v.real = (v.scale * (q - zp)).astype(np.float32)
            v.tensor.quantization = me.Quantization(float(v.scale), zp)
            built[f"{kind}_all_{k}"] = (b, [b.unary(v, kind)])
    for k, keep in enumerate([True, False]):
        b, x = Builder(), None
        x = b.input("x", (5, 6, 7))
        b.n += 1
        axes = b.sg.add_tensor(shape=(2,), dtype=tfl.TensorType.INT32, name="axes", data=np.array([1, 2], np.int32))
        y = x.real.mean(axis=(1, 2), keepdims=keep)
        out = b.act("mean", y)
        opt = tfl.ReducerOptionsT()
        opt.keepDims = keep
        b.op(OP.MEAN, [x.tensor, axes], [out.tensor], tfl.BuiltinOptions.ReducerOptions, opt)
        built[f"mean_requant_{k}"] = (b, [out])
    # One-input graphs with ADD and CONCATENATION (the C generator takes one input tensor).
    b = Builder(); x = b.input("x", (6, 6, 4))
    built["add_residual"] = (b, [b.add(x, b.conv(x, 0, 3, act="relu", depthwise=True), act="relu")])
    b = Builder(); x = b.input("x", (6, 6, 3))
    built["concat_branches"] = (b, [b.concat([x, b.pool(x, 3, 1, "same")])])
    for name, (b, outs) in built.items():
        record(folder, name, b.finish(outs), b.inputs_values, outputs=len(outs))
    return list(built)


def bad(folder):
    """Models the importer must reject with a clear error (not run by the interpreter): a MUL node
    (an op Smelt does not support) after a supported FULLY_CONNECTED, and a custom op."""
    b = Builder()
    x = b.input("x", (8,))
    h = b.fc(x, 8)
    out = b.act("product", h.real * h.real)
    b.op(OP.MUL, [h.tensor, h.tensor], [out.tensor], tfl.BuiltinOptions.MulOptions, tfl.MulOptionsT())
    with open(os.path.join(folder, "bad_unsupported.tflite"), "wb") as f:
        f.write(b.finish([out]))
    b = Builder()
    x = b.input("x", (8,))
    out = b.act("y", x.real)
    c = tfl.OperatorCodeT()
    c.builtinCode = OP.CUSTOM
    c.deprecatedBuiltinCode = OP.CUSTOM
    c.customCode = "SmeltMystery"
    b.sg.operators.append(me.Operator(opcode=OP.CUSTOM, inputs=[x.tensor], outputs=[out.tensor]))
    b.sg.outputs = [out.tensor]
    data = bytes(me.Model(subgraphs=[b.sg], operator_codes=[me.OperatorCode(_fb=c)], description="bad").build())
    m = tfl.ModelT.InitFromPackedBuf(data, 0)   # model_editor drops custom_code: set it and repack
    m.operatorCodes[0].customCode = "SmeltMystery"
    fb = flatbuffers.Builder(1024)
    fb.Finish(m.Pack(fb), file_identifier=b"TFL3")
    data = bytes(fb.Output())
    with open(os.path.join(folder, "bad_custom.tflite"), "wb") as f:
        f.write(data)


def main(folder):
    os.makedirs(folder, exist_ok=True)
    names = []
    for name, (b, outs) in fixtures().items():
        record(folder, name, b.finish(outs), b.inputs_values, outputs=len(outs))
        names.append(name)
    edges(folder)
    names += exhaustive(folder)
    bad(folder)
    with open(os.path.join(folder, "fixtures.txt"), "w") as f:
        f.write("\n".join(names) + "\n")
    print(f"tflite: {len(names)} int8 fixtures + edges in {folder}")
