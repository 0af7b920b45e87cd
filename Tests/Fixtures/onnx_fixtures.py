"""ONNX fixtures: one small model per op or feature, three whole models, and bad models.

Called by make_fixtures.py. Expected outputs come from onnxruntime (CPU, all graph optimizations
disabled so it computes exactly the graph as written).
"""
import os

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

from make_fixtures import to_smelt, write_expected

RNG = np.random.default_rng(20240611)
F = TensorProto.FLOAT


def rand(*shape, scale=1.0):
    return (RNG.standard_normal(shape) * scale).astype(np.float32)


def init(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def typed(name, array, dtype):
    """An initializer stored in the typed field (float_data / int32_data / int64_data), not raw_data."""
    a = np.asarray(array)
    return helper.make_tensor(name, dtype, a.shape, a.reshape(-1).tolist(), raw=False)


def model(name, nodes, inputs, outputs, inits, opset=13):
    g = helper.make_graph(nodes, name, inputs, outputs, inits)
    ir = 10 if opset >= 21 else 8
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)], ir_version=ir,
                          producer_name="smelt-fixtures")
    onnx.checker.check_model(m)
    return m


def vi(name, shape):
    return helper.make_tensor_value_info(name, F, shape)


def conv_w(o, i, k):
    return rand(o, i, k, k, scale=1.0 / np.sqrt(i * k * k))


class Writer:
    def __init__(self, folder):
        self.folder = folder
        self.names = []

    def save(self, name, m, samples=3, external=False, ort_model=None):
        path = os.path.join(self.folder, name + ".onnx")
        if external:
            data_path = os.path.join(self.folder, name + ".data")
            if os.path.exists(data_path):
                os.remove(data_path)   # onnx appends to an existing data file
            onnx.save_model(m, path, save_as_external_data=True, all_tensors_to_one_file=True,
                            location=name + ".data", size_threshold=0)
        else:
            onnx.save_model(m, path)
        opts = ort.SessionOptions()
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
        ref = ort_model.SerializeToString() if ort_model is not None else path
        sess = ort.InferenceSession(ref, opts, providers=["CPUExecutionProvider"])
        rows = []
        for _ in range(samples):
            feeds = {i.name: rand(*[d.dim_value or 1 for d in i.type.tensor_type.shape.dim])
                     for i in m.graph.input}
            outs = sess.run(None, feeds)
            rows.append({"inputs": {k: to_smelt(v) for k, v in feeds.items()},
                         "outputs": [to_smelt(o) for o in outs]})
        write_expected(os.path.join(self.folder, name + ".json"), rows)
        self.names.append(name)

    def save_bad(self, name, m):
        onnx.save_model(m, os.path.join(self.folder, name + ".onnx"))


def single_op(w):
    x4 = [vi("x", [1, 3, 6, 6])]
    # Gemm with transB = 1 (PyTorch Linear) and with transB = 0, alpha, beta and a [1, out] bias.
    w.save("gemm", model("gemm", [helper.make_node("Gemm", ["x", "W", "B"], ["y"], name="fc", transB=1)],
                         [vi("x", [1, 8])], [vi("y", [1, 4])], [init("W", rand(4, 8)), init("B", rand(4))]))
    w.save("gemm_alpha_beta", model("gemm_alpha_beta", [helper.make_node("Gemm", ["x", "W", "B"], ["y"], name="fc", alpha=0.5, beta=2.0)],
                                    [vi("x", [1, 8])], [vi("y", [1, 4])], [init("W", rand(8, 4)), init("B", rand(1, 4))]))
    w.save("matmul_add", model("matmul_add", [helper.make_node("MatMul", ["x", "W"], ["h"], name="mm"),
                                              helper.make_node("Add", ["h", "B"], ["y"], name="bias")],
                               [vi("x", [1, 8])], [vi("y", [1, 5])], [init("W", rand(8, 5)), init("B", rand(5))]))
    w.save("matmul", model("matmul", [helper.make_node("MatMul", ["x", "W"], ["y"], name="mm")],
                           [vi("x", [1, 8])], [vi("y", [1, 5])], [init("W", rand(8, 5))], opset=21))
    w.save("conv_valid", model("conv_valid", [helper.make_node("Conv", ["x", "W", "B"], ["y"], name="conv", kernel_shape=[3, 3])],
                               x4, [vi("y", [1, 4, 4, 4])], [init("W", conv_w(4, 3, 3)), init("B", rand(4))]))
    w.save("conv_same_stride2", model("conv_same_stride2", [helper.make_node("Conv", ["x", "W"], ["y"], name="conv", strides=[2, 2], pads=[1, 1, 1, 1])],
                                      [vi("x", [1, 3, 7, 7])], [vi("y", [1, 4, 4, 4])], [init("W", conv_w(4, 3, 3))]))
    w.save("conv_same_upper", model("conv_same_upper", [helper.make_node("Conv", ["x", "W", "B"], ["y"], name="conv", strides=[2, 2], auto_pad="SAME_UPPER")],
                                    x4, [vi("y", [1, 2, 3, 3])], [init("W", conv_w(2, 3, 3)), init("B", rand(2))], opset=11))
    w.save("conv_asym_pads", model("conv_asym_pads", [helper.make_node("Conv", ["x", "W"], ["y"], name="conv", strides=[2, 2], pads=[0, 0, 1, 1])],
                                   x4, [vi("y", [1, 2, 3, 3])], [init("W", conv_w(2, 3, 3))]))
    w.save("depthwise", model("depthwise", [helper.make_node("Conv", ["x", "W", "B"], ["y"], name="dw", group=3, pads=[1, 1, 1, 1])],
                              x4, [vi("y", [1, 3, 6, 6])], [init("W", conv_w(3, 1, 3)), init("B", rand(3))]))
    w.save("maxpool", model("maxpool", [helper.make_node("MaxPool", ["x"], ["y"], name="pool", kernel_shape=[2, 2], strides=[2, 2])],
                            x4, [vi("y", [1, 3, 3, 3])], []))
    w.save("maxpool_same", model("maxpool_same", [helper.make_node("MaxPool", ["x"], ["y"], name="pool", kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])],
                                 [vi("x", [1, 2, 5, 5])], [vi("y", [1, 2, 3, 3])], []))
    w.save("avgpool", model("avgpool", [helper.make_node("AveragePool", ["x"], ["y"], name="pool", kernel_shape=[2, 2], strides=[2, 2])],
                            x4, [vi("y", [1, 3, 3, 3])], []))
    w.save("avgpool_same", model("avgpool_same", [helper.make_node("AveragePool", ["x"], ["y"], name="pool", kernel_shape=[3, 3], pads=[1, 1, 1, 1])],
                                 x4, [vi("y", [1, 3, 6, 6])], [], opset=17))
    w.save("global_avgpool", model("global_avgpool", [helper.make_node("GlobalAveragePool", ["x"], ["p"], name="gap"),
                                                      helper.make_node("Flatten", ["p"], ["y"], name="flat")],
                                   x4, [vi("y", [1, 3])], []))
    for op in ["Relu", "Sigmoid", "Tanh"]:
        w.save(op.lower(), model(op.lower(), [helper.make_node(op, ["x"], ["y"], name=op.lower())], x4, [vi("y", [1, 3, 6, 6])], []))
    w.save("clip_relu6", model("clip_relu6", [helper.make_node("Clip", ["x", "lo", "hi"], ["y"], name="clip")],
                               x4, [vi("y", [1, 3, 6, 6])], [init("lo", np.float32(0)), init("hi", np.float32(6))]))
    w.save("softmax", model("softmax", [helper.make_node("Softmax", ["x"], ["y"], name="sm")], [vi("x", [1, 10])], [vi("y", [1, 10])], []))
    w.save("softmax_opset11", model("softmax_opset11", [helper.make_node("Softmax", ["x"], ["y"], name="sm", axis=1)],
                                    [vi("x", [1, 10])], [vi("y", [1, 10])], [], opset=11))
    w.save("softmax_channels", model("softmax_channels", [helper.make_node("Softmax", ["x"], ["y"], name="sm", axis=1)],
                                     x4, [vi("y", [1, 3, 6, 6])], []))
    w.save("add", model("add", [helper.make_node("Add", ["a", "b"], ["y"], name="add")],
                        [vi("a", [1, 3, 6, 6]), vi("b", [1, 3, 6, 6])], [vi("y", [1, 3, 6, 6])], []))
    w.save("concat", model("concat", [helper.make_node("Conv", ["x", "W1"], ["c1"], name="c1", kernel_shape=[1, 1]),
                                      helper.make_node("Conv", ["x", "W2"], ["c2"], name="c2", pads=[1, 1, 1, 1]),
                                      helper.make_node("Concat", ["c1", "c2"], ["y"], name="cat", axis=1)],
                           x4, [vi("y", [1, 5, 6, 6])], [init("W1", conv_w(2, 3, 1)), init("W2", conv_w(3, 3, 3))]))
    bn = [init("s", RNG.uniform(0.5, 1.5, 3).astype(np.float32)), init("b", rand(3)), init("m", rand(3)),
          init("v", RNG.uniform(0.5, 2, 3).astype(np.float32))]
    w.save("batchnorm", model("batchnorm", [helper.make_node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"], name="bn", epsilon=1e-3)],
                              x4, [vi("y", [1, 3, 6, 6])], bn))
    # Flatten of NCHW data read by Gemm: the importer permutes the weight columns.
    w.save("flatten_gemm", model("flatten_gemm", [helper.make_node("Flatten", ["x"], ["f"], name="flat"),
                                                  helper.make_node("Gemm", ["f", "W"], ["y"], name="fc", transB=1)],
                                 [vi("x", [1, 3, 4, 5])], [vi("y", [1, 6])], [init("W", rand(6, 60, scale=0.2))]))
    # Reshape (shape from a Constant node) → Relu → BatchNorm on the flat vector → MatMul.
    bnv = [init("s", RNG.uniform(0.5, 1.5, 24).astype(np.float32)), init("b", rand(24)), init("m", rand(24)),
           init("v", RNG.uniform(0.5, 2, 24).astype(np.float32))]
    w.save("reshape_matmul", model("reshape_matmul", [
        helper.make_node("Constant", [], ["shape"], name="shape_const", value=helper.make_tensor("v", TensorProto.INT64, [2], [1, -1])),
        helper.make_node("Reshape", ["x", "shape"], ["f"], name="reshape"),
        helper.make_node("Relu", ["f"], ["r"], name="relu"),
        helper.make_node("BatchNormalization", ["r", "s", "b", "m", "v"], ["n"], name="bn"),
        helper.make_node("MatMul", ["n", "W"], ["y"], name="mm")],
        [vi("x", [1, 2, 3, 4])], [vi("y", [1, 5])], bnv + [init("W", rand(24, 5, scale=0.3))]))
    # Flatten of NCHW data as the graph output: the importer appends a permutation Dense.
    w.save("flatten_output", model("flatten_output", [helper.make_node("Conv", ["x", "W"], ["c"], name="conv", kernel_shape=[3, 3]),
                                                      helper.make_node("Flatten", ["c"], ["y"], name="flat")],
                                   x4, [vi("y", [1, 32])], [init("W", conv_w(2, 3, 3))]))
    # Initializers in typed fields (float_data, int64_data) instead of raw_data.
    w.save("typed_fields", model("typed_fields", [helper.make_node("Reshape", ["x", "shape"], ["f"], name="reshape"),
                                                  helper.make_node("Gemm", ["f", "W", "B"], ["y"], name="fc")],
                                 [vi("x", [1, 2, 2, 2])], [vi("y", [1, 3])],
                                 [typed("shape", [1, 8], TensorProto.INT64), typed("W", rand(8, 3), F), typed("B", rand(3), F)]))
    # Weights in an external data file next to the model.
    w.save("external_data", model("external_data", [helper.make_node("Gemm", ["x", "W", "B"], ["y"], name="fc", transB=1)],
                                  [vi("x", [1, 6])], [vi("y", [1, 3])], [init("W", rand(3, 6)), init("B", rand(3))]), external=True)


def qdq(w, opset=13, suffix=""):
    """A QDQ model (as onnxruntime's quantizer writes them). Smelt keeps the Q/DQ scales on the
    float tensors and does not simulate activation rounding, so the reference is the same model
    with the activation Q→DQ pairs removed (weights stay dequantized from their int8 values)."""
    wq = RNG.integers(-127, 128, (4, 3, 3, 3)).astype(np.int8)
    ws = (RNG.uniform(0.5, 1.5, 4) / 127 * 0.5).astype(np.float32)
    bq = RNG.integers(-500, 500, 4).astype(np.int32)
    xs, cs = np.float32(4 / 255), np.float32(3 / 255)
    bs = (xs * ws).astype(np.float32)
    fq = RNG.integers(-127, 128, (64, 5)).astype(np.int8)
    fs = np.float32(0.01)
    inits = [init("x_scale", xs), init("x_zp", np.uint8(128)), init("w_q", wq), init("w_scale", ws), init("w_zp", np.zeros(4, np.int8)),
             init("b_q", bq), init("b_scale", bs), init("b_zp", np.zeros(4, np.int32)), init("c_scale", cs), init("c_zp", np.uint8(0)),
             init("f_q", fq), init("f_scale", fs), init("f_zp", np.int8(0))]
    act = [helper.make_node("QuantizeLinear", ["x", "x_scale", "x_zp"], ["x_q"], name="x_quant"),
           helper.make_node("DequantizeLinear", ["x_q", "x_scale", "x_zp"], ["x_dq"], name="x_dequant")]
    act2 = [helper.make_node("QuantizeLinear", ["r", "c_scale", "c_zp"], ["r_q"], name="r_quant"),
            helper.make_node("DequantizeLinear", ["r_q", "c_scale", "c_zp"], ["r_dq"], name="r_dequant")]
    weights = [helper.make_node("DequantizeLinear", ["w_q", "w_scale", "w_zp"], ["w"], name="w_dequant", axis=0),
               helper.make_node("DequantizeLinear", ["b_q", "b_scale", "b_zp"], ["b"], name="b_dequant", axis=0),
               helper.make_node("DequantizeLinear", ["f_q", "f_scale", "f_zp"], ["f_w"], name="f_dequant")]

    def body(xin, rin):
        return [helper.make_node("Conv", [xin, "w", "b"], ["c"], name="conv", kernel_shape=[3, 3]),
                helper.make_node("Relu", ["c"], ["r"], name="relu"),
                helper.make_node("Flatten", [rin], ["flat"], name="flat"),
                helper.make_node("MatMul", ["flat", "f_w"], ["y"], name="fc")]
    io = ([vi("x", [1, 3, 6, 6])], [vi("y", [1, 5])])
    full = model("qdq" + suffix, act + weights + body("x_dq", "r_dq")[:2] + act2 + body("x_dq", "r_dq")[2:], *io, inits, opset=opset)
    ref = model("qdq_ref", weights + body("x", "r"), *io, inits, opset=opset)
    w.save("qdq" + suffix, full, ort_model=ref)


def whole(w, opset=13, suffix=""):
    def dense(name, x, y, i, o):
        return helper.make_node("Gemm", [x, name + "_W", name + "_B"], [y], name=name, transB=1), \
            [init(name + "_W", rand(o, i, scale=1 / np.sqrt(i))), init(name + "_B", rand(o, scale=0.1))]

    n1, i1 = dense("fc1", "x", "h1", 16, 32)
    n2, i2 = dense("fc2", "a1", "h2", 32, 32)
    n3, i3 = dense("fc3", "a2", "logits", 32, 10)
    w.save("mlp" + suffix, model("mlp" + suffix, [n1, helper.make_node("Relu", ["h1"], ["a1"], name="relu1"), n2,
                                helper.make_node("Relu", ["h2"], ["a2"], name="relu2"), n3,
                                helper.make_node("Softmax", ["logits"], ["y"], name="softmax")],
                        [vi("x", [1, 16])], [vi("y", [1, 10])], i1 + i2 + i3, opset=opset))

    def bn(name, c):
        return [init(name + "_s", RNG.uniform(0.5, 1.5, c).astype(np.float32)), init(name + "_b", rand(c, scale=0.1)),
                init(name + "_m", rand(c, scale=0.1)), init(name + "_v", RNG.uniform(0.5, 1.5, c).astype(np.float32))]

    def bn_node(name, x, y):
        return helper.make_node("BatchNormalization", [x] + [name + s for s in ["_s", "_b", "_m", "_v"]], [y], name=name)

    nodes = [helper.make_node("Conv", ["x", "c1_W", "c1_B"], ["c1"], name="conv1", pads=[1, 1, 1, 1]), bn_node("bn1", "c1", "b1"),
             helper.make_node("Relu", ["b1"], ["r1"], name="relu1"),
             helper.make_node("MaxPool", ["r1"], ["p1"], name="pool1", kernel_shape=[2, 2], strides=[2, 2]),
             helper.make_node("Conv", ["p1", "dw_W"], ["d1"], name="dwconv", group=8, pads=[1, 1, 1, 1]), bn_node("bn2", "d1", "b2"),
             helper.make_node("Clip", ["b2", "zero", "six"], ["r2"], name="relu6"),
             helper.make_node("Conv", ["r2", "c2_W", "c2_B"], ["c2"], name="conv2", kernel_shape=[1, 1]),
             helper.make_node("AveragePool", ["c2"], ["p2"], name="pool2", kernel_shape=[2, 2], strides=[2, 2]),
             helper.make_node("Flatten", ["p2"], ["f"], name="flatten"),
             helper.make_node("Gemm", ["f", "fc_W", "fc_B"], ["logits"], name="fc", transB=1),
             helper.make_node("Softmax", ["logits"], ["y"], name="softmax")]
    inits = [init("c1_W", conv_w(8, 1, 3)), init("c1_B", rand(8, scale=0.1)), init("dw_W", conv_w(8, 1, 3)),
             init("c2_W", conv_w(12, 8, 1)), init("c2_B", rand(12, scale=0.1)), init("fc_W", rand(10, 108, scale=0.1)),
             init("fc_B", rand(10, scale=0.1)), init("zero", np.float32(0)), init("six", np.float32(6))] + bn("bn1", 8) + bn("bn2", 8)
    w.save("cnn" + suffix, model("cnn" + suffix, nodes, [vi("x", [1, 1, 12, 12])], [vi("y", [1, 10])], inits, opset=opset))

    nodes = [helper.make_node("Conv", ["x", "a_W"], ["a"], name="branch_a", kernel_shape=[1, 1]),
             helper.make_node("Conv", ["x", "b_W", "b_B"], ["b"], name="branch_b", pads=[1, 1, 1, 1]),
             helper.make_node("Relu", ["b"], ["br"], name="relu_b"),
             helper.make_node("Concat", ["a", "br"], ["cat"], name="concat", axis=1),
             helper.make_node("Conv", ["cat", "m_W", "m_B"], ["m"], name="mix", kernel_shape=[1, 1]),
             helper.make_node("Add", ["m", "x"], ["res"], name="residual"),
             helper.make_node("Relu", ["res"], ["rr"], name="relu_res"),
             helper.make_node("GlobalAveragePool", ["rr"], ["gap"], name="gap"),
             helper.make_node("Flatten", ["gap"], ["f"], name="flatten"),
             helper.make_node("Gemm", ["f", "fc_W", "fc_B"], ["logits"], name="fc", transB=1),
             helper.make_node("Sigmoid", ["logits"], ["y"], name="sigmoid")]
    inits = [init("a_W", conv_w(2, 3, 1)), init("b_W", conv_w(4, 3, 3)), init("b_B", rand(4, scale=0.1)),
             init("m_W", conv_w(3, 6, 1)), init("m_B", rand(3, scale=0.1)), init("fc_W", rand(4, 3)), init("fc_B", rand(4, scale=0.1))]
    w.save("branchy" + suffix, model("branchy" + suffix, nodes, [vi("x", [1, 3, 8, 8])], [vi("y", [1, 4])], inits, opset=opset))


def bad(w):
    x4 = [vi("x", [1, 3, 6, 6])]
    w.save_bad("bad_unsupported", model("bad_unsupported", [helper.make_node("Relu", ["x"], ["r"], name="relu"),
                                                            helper.make_node("Erf", ["r"], ["y"], name="erf1")],
                                        x4, [vi("y", [1, 3, 6, 6])], []))
    w.save_bad("bad_pads", model("bad_pads", [helper.make_node("Conv", ["x", "W"], ["y"], name="conv_tl", pads=[1, 1, 0, 0])],
                                 x4, [vi("y", [1, 2, 5, 5])], [init("W", conv_w(2, 3, 3))]))
    w.save_bad("bad_group", model("bad_group", [helper.make_node("Conv", ["x", "W"], ["y"], name="grouped", group=3)],
                                  [vi("x", [1, 6, 6, 6])], [vi("y", [1, 6, 4, 4])], [init("W", conv_w(6, 2, 3))]))


def main(folder):
    os.makedirs(folder, exist_ok=True)
    w = Writer(folder)
    single_op(w)
    qdq(w)
    whole(w)
    bad(w)
    # The whole models again at the ends of the supported range (opset 11: Softmax coerces to 2-D,
    # Clip bounds as inputs; opset 21: IR 10, QDQ with per-axis and block attributes).
    for opset in (11, 21):
        whole(w, opset, f"_opset{opset}")
    qdq(w, 21, "_opset21")
    with open(os.path.join(folder, "fixtures.txt"), "w") as f:
        f.write("\n".join(w.names) + "\n")
    print(f"onnx: {len(w.names)} fixtures in {folder}")
