import SmeltIR
import SmeltLearn

/// Generates a model whose last Dense layer(s) learn on the device (`EmitOptions.trainable`).
///
/// The C is the frozen integer backbone (the graph cut at the head's input, emitted by `CEmitter`
/// as `NAME_backbone_*`) plus the training step: the head's parameters live in RAM (initialised
/// from a flash copy of the dequantized int8 head, `QuantizedHead`), and `NAME_learn(input, label)`
/// runs the backbone, turns its int8 output into features and takes one SGD step with
/// `smelt_learn_f32.c` or `smelt_learn_q.c`. See docs/contracts.md, "On-device learning".
enum TrainingStepEmitter {
    static func emit(graph: Graph, name: String, options: EmitOptions) throws -> GeneratedC {
        let id = CSyntax.identifier(name).lowercased(), up = id.uppercased()
        let head = try QuantizedHead.split(quantized: graph, trainable: options.trainable)
        guard options.learningRate.isFinite, options.learningRate > 0 else {
            throw SmeltError("learning rate must be a positive number, got \(options.learningRate)")
        }
        let fixed = options.learnArithmetic == .fixedPoint
        let t = fixed ? "int32_t" : "float", suffix = fixed ? "q" : "f32"
        let ioType = CSyntax.type(head.featureType)

        // The backbone, or (head on the graph input) just the io type and input macros.
        var header: String, body: String, report: CompileReport
        if let backbone = head.backbone {
            var plain = options
            plain.trainable = []
            plain.singleHeader = false
            let bb = try CEmitter.emit(graph: backbone, name: id + "_backbone", options: plain)
            header = bb.header + """

                /* The model's input is the backbone's. */
                typedef \(id)_backbone_io_t \(id)_io_t;
                #define \(up)_INPUT_SIZE \(up)_BACKBONE_INPUT_SIZE
                #define \(up)_INPUT_ZERO_POINT \(up)_BACKBONE_INPUT_ZERO_POINT
                #define \(up)_INPUT_SCALE_MULTIPLIER \(up)_BACKBONE_INPUT_SCALE_MULTIPLIER
                #define \(up)_INPUT_SCALE_SHIFT \(up)_BACKBONE_INPUT_SCALE_SHIFT

                """
            body = bb.source.replacingOccurrences(of: "#include \"\(id)_backbone.h\"\n", with: "")
            report = bb.report
        } else {
            header = "#include <stdint.h>\n\ntypedef \(ioType) \(id)_io_t;\n#define \(up)_INPUT_SIZE \(head.featureCount)\n"
            body = "#include <stdint.h>\n"
            report = CompileReport(layers: [], weightBytes: 0, tableBytes: 0, paramBytes: 0, arenaBytes: 0)
        }

        let layers = head.layers
        let parameters = layers.reduce(0) { $0 + $1.outputs * ($1.inputs + 1) }
        let activations = head.featureCount + layers.reduce(0) { $0 + $1.outputs }
        let widest = layers.map(\.outputs).max()!
        let featureBytes = head.backbone == nil ? 0 : (head.featureCount * head.featureType.byteWidth + 3) / 4 * 4
        let info = TrainingStepInfo(
            layers: head.nodes, arithmetic: options.learnArithmetic, features: head.featureCount,
            outputs: layers[layers.count - 1].outputs, parameters: parameters,
            ramBytes: 4 * (parameters + activations + 2 * widest + 1) + featureBytes,
            parameterBytes: 4 * parameters, activationBytes: 4 * activations, gradientBytes: 8 * widest,
            otherBytes: 4 + featureBytes, initialBytes: 4 * parameters)

        let classify = head.loss == .softmaxCrossEntropy
        let rate = fixed ? "\(LearnMath.fromFloat(options.learningRate))" : floatLiteral(Float(options.learningRate))
        header += """

            /* ---- On-device learning: Dense head \(head.nodes.joined(separator: ", ")) (\(info.features) -> \(info.outputs)), \(fixed ? "Q7.24 fixed point" : "float32") SGD, \(classify ? "softmax cross-entropy" : "mean-squared error") ---- */
            #define \(up)_LEARN_FEATURES \(info.features) /* inputs of the first trainable layer */
            #define \(up)_LEARN_OUTPUTS \(info.outputs) /* outputs (classes) of the last trainable layer */
            #define \(up)_LEARN_PARAMETERS \(parameters) /* trainable weights and biases, in RAM */
            #define \(up)_LEARN_FIXED_POINT \(fixed ? 1 : 0) /* 1: values are int32 Q7.24 (value * 2^24) */
            #define \(up)_LEARN_RAM_BYTES \(info.ramBytes) /* extra static RAM of the training step: parameters \(info.parameterBytes) + activations \(info.activationBytes) + gradients \(info.gradientBytes) + \(info.otherBytes) */
            typedef \(t) \(id)_learn_t;
            /* SGD step size\(fixed ? " in Q7.24" : ""); starts at \(options.learningRate). */
            extern \(id)_learn_t \(id)_learn_rate;
            /* Restores the head's initial (compiled) parameters; done automatically before first use. */
            void \(id)_learn_reset(void);
            /* The head's parameters in RAM: for each layer its weights [out][in], then its bias. */
            \(id)_learn_t *\(id)_learn_parameters(void);
            /* Runs the frozen backbone and writes \(up)_LEARN_FEATURES features; returns 0 on success. */
            int32_t \(id)_learn_features(const \(id)_io_t *input, \(id)_learn_t *features);
            /* Runs backbone and the learned head; writes \(up)_LEARN_OUTPUTS \(classify ? "logits" : "outputs") (if outputs is not 0); returns the argmax. */
            int32_t \(id)_learn_predict(const \(id)_io_t *input, \(id)_learn_t *outputs);

            """
        header += classify ? """
            /* One SGD step on one sample and its label; returns the class predicted before the update, -1 for a bad label. */
            int32_t \(id)_learn(const \(id)_io_t *input, int32_t label);

            """ : """
            /* One SGD step on one sample and its \(up)_LEARN_OUTPUTS targets; returns the argmax before the update. */
            int32_t \(id)_learn_target(const \(id)_io_t *input, const \(id)_learn_t *target);

            """
        header += """
            /* The step on given features: label >= 0 softmax cross-entropy, label < 0 mean-squared error against target. */
            int32_t \(id)_learn_step(const \(id)_learn_t *features, int32_t label, const \(id)_learn_t *target);

            """
        body += try TrainingStepSource(id: id, head: head, info: info, fixed: fixed, type: t, suffix: suffix, rate: rate,
                                       ioType: ioType, classify: classify).text()
        let guardName = "SMELT_\(up)_H"
        let fullHeader = """
            /* \(id).h - generated by Smelt from model "\(graph.name)" with an on-device training step. Do not edit.
             * RAM: \(report.arenaBytes) bytes of backbone arena + \(info.ramBytes) bytes of training step (\(up)_LEARN_RAM_BYTES).
             */
            #ifndef \(guardName)
            #define \(guardName)

            #ifdef __cplusplus
            extern "C" {
            #endif

            \(header)
            #ifdef __cplusplus
            }
            #endif

            #endif /* \(guardName) */

            """
        let source = "/* \(id).c - generated by Smelt from model \"\(graph.name)\". Do not edit. */\n#include \"\(id).h\"\n\n" + body
        let single = options.singleHeader
            ? fullHeader + "\n#ifdef SMELT_\(up)_IMPLEMENTATION\n#ifndef SMELT_\(up)_IMPLEMENTED\n#define SMELT_\(up)_IMPLEMENTED\n" + body + "#endif\n#endif /* SMELT_\(up)_IMPLEMENTATION */\n"
            : nil
        return GeneratedC(name: id, header: fullHeader, source: source, singleHeader: single, report: report, learnStep: info)
    }

    /// A C float literal that reads back as `x` (`0.25f`, `-1e-05f`).
    static func floatLiteral(_ x: Float) -> String {
        precondition(x.isFinite, "parameters are finite")
        return x.description + "f"
    }
}
