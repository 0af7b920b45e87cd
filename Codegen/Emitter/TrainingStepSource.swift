import SmeltIR
import SmeltLearn

/// The C implementation of the training step of one model (the part of `NAME.c` after the backbone).
struct TrainingStepSource {
    let id: String
    let head: QuantizedHead
    let info: TrainingStepInfo
    let fixed: Bool
    let type: String
    let suffix: String
    let rate: String
    let ioType: String
    let classify: Bool

    var up: String { id.uppercased() }

    func text() throws -> String {
        var s = "\n/* ---- On-device learning (Smelt training step, \(fixed ? "Q7.24 fixed point" : "float32")) ---- */\n"
        s += "#ifndef SMELT_AMALGAMATED\n#define SMELT_AMALGAMATED 1\n#endif\n"
        s += "#pragma GCC diagnostic push\n#pragma GCC diagnostic ignored \"-Wunused-function\"\n"
        for file in ["smelt_learn.h", "smelt_learn_\(suffix).c"] {
            let guardName = "SMELT_HAVE_" + CSyntax.identifier(file).uppercased()
            s += "#ifndef \(guardName)\n#define \(guardName)\n" + SourceWriter.kernelBegin(file)
            s += try KernelLibrary.text(of: file)
            s += SourceWriter.kernelEnd(file) + "#endif\n"
        }
        s += "#pragma GCC diagnostic pop\n\n"
        let layerRows = head.layers.map { l in
            "    {\(l.inputs), \(l.outputs), \(l.activation == .relu ? 1 : (l.activation == .relu6 ? 2 : 0))}"
        }
        s += "static const smelt_learn_layer \(id)_learn_layers[\(head.layers.count)] = {\n\(layerRows.joined(separator: ",\n"))\n};\n\n"
        s += "/* Initial parameters: the dequantized int8 head\(fixed ? " rounded to Q7.24" : ""); per layer weights [out][in], then bias. */\n"
        s += "static const \(type) \(id)_learn_initial[\(info.parameters)] = {\n"
        let values: [String]
        if fixed {
            values = head.layers.map(FixedDenseLayer.init).flatMap { $0.weight + $0.bias }.map { "\($0)" }
        } else {
            values = head.layers.flatMap { $0.weight + $0.bias }.map(TrainingStepEmitter.floatLiteral)
        }
        for start in stride(from: 0, to: values.count, by: 8) {
            s += "    " + values[start..<min(start + 8, values.count)].joined(separator: ", ") + ",\n"
        }
        s += "};\n\n\(id)_learn_t \(id)_learn_rate = \(rate);\n\n"
        let hasBackbone = head.backbone != nil
        s += """
            /* Everything the step keeps in RAM (\(up)_LEARN_RAM_BYTES bytes). */
            static struct {
                \(type) params[\(info.parameters)];
                \(type) acts[\(info.activationBytes / 4)]; /* features, then each layer's output */
                \(type) grad_a[\(info.gradientBytes / 8)];
                \(type) grad_b[\(info.gradientBytes / 8)];
                int32_t ready;\(hasBackbone ? "\n    \(ioType) features_q[\(info.features)]; /* the backbone's output */" : "")
            } \(id)_learn_state;
            typedef char \(id)_learn_ram_check[(sizeof(\(id)_learn_state) == \(up)_LEARN_RAM_BYTES) ? 1 : -1];

            void \(id)_learn_reset(void)
            {
                int32_t i;
                for (i = 0; i < \(up)_LEARN_PARAMETERS; ++i) {
                    \(id)_learn_state.params[i] = \(id)_learn_initial[i];
                }
                \(id)_learn_state.ready = 1;
            }

            \(id)_learn_t *\(id)_learn_parameters(void)
            {
                if (!\(id)_learn_state.ready) {
                    \(id)_learn_reset();
                }
                return \(id)_learn_state.params;
            }


            """
        let source = hasBackbone ? "\(id)_learn_state.features_q" : "input"
        let convert = fixed
            ? "smelt_learn_sat_q((int64_t)((int32_t)\(source)[i] - (\(head.featureZeroPoint))) * \(head.featureScaleQ))"
            : "(float)((int32_t)\(source)[i] - (\(head.featureZeroPoint))) * \(TrainingStepEmitter.floatLiteral(head.featureScale))"
        s += """
            int32_t \(id)_learn_features(const \(id)_io_t *input, \(id)_learn_t *features)
            {
                int32_t i;
            \(hasBackbone ? "    if (\(id)_backbone_invoke(input, \(id)_learn_state.features_q) != 0) {\n        return -1;\n    }\n" : "")    for (i = 0; i < \(up)_LEARN_FEATURES; ++i) {
                    features[i] = \(convert);
                }
                return 0;
            }

            int32_t \(id)_learn_predict(const \(id)_io_t *input, \(id)_learn_t *outputs)
            {
                int32_t best;
                int32_t i;
                \(id)_learn_t *params = \(id)_learn_parameters();
                if (\(id)_learn_features(input, \(id)_learn_state.acts) != 0) {
                    return -1;
                }
                best = smelt_learn_forward_\(suffix)(\(id)_learn_layers, \(head.layers.count), params, \(id)_learn_state.acts);
                if (outputs != 0) {
                    for (i = 0; i < \(up)_LEARN_OUTPUTS; ++i) {
                        outputs[i] = \(id)_learn_state.acts[\(info.activationBytes / 4 - info.outputs) + i];
                    }
                }
                return best;
            }

            int32_t \(id)_learn_step(const \(id)_learn_t *features, int32_t label, const \(id)_learn_t *target)
            {
                int32_t i;
                \(id)_learn_t *params = \(id)_learn_parameters();
                if (label >= \(up)_LEARN_OUTPUTS || (label < 0 && target == 0)) {
                    return -1;
                }
                if (features != \(id)_learn_state.acts) {
                    for (i = 0; i < \(up)_LEARN_FEATURES; ++i) {
                        \(id)_learn_state.acts[i] = features[i];
                    }
                }
                return smelt_learn_step_\(suffix)(\(id)_learn_layers, \(head.layers.count), params, \(id)_learn_state.acts,
                    \(id)_learn_state.grad_a, \(id)_learn_state.grad_b, label, target, \(id)_learn_rate);
            }


            """
        if classify {
            s += """
                int32_t \(id)_learn(const \(id)_io_t *input, int32_t label)
                {
                    if (label < 0 || label >= \(up)_LEARN_OUTPUTS) {
                        return -1;
                    }
                    if (\(id)_learn_features(input, \(id)_learn_state.acts) != 0) {
                        return -1;
                    }
                    return \(id)_learn_step(\(id)_learn_state.acts, label, 0);
                }

                """
        } else {
            s += """
                int32_t \(id)_learn_target(const \(id)_io_t *input, const \(id)_learn_t *target)
                {
                    if (\(id)_learn_features(input, \(id)_learn_state.acts) != 0) {
                        return -1;
                    }
                    return \(id)_learn_step(\(id)_learn_state.acts, -1, target);
                }

                """
        }
        return s
    }
}
