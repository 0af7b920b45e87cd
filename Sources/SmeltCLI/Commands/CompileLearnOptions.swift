import Foundation
import SmeltCodegen

extension CompileCommand {
    /// `--trainable`, `--learn-arithmetic`, `--learn-rate`: the generated on-device training step.
    static let learnOptions: [CommandSignature.Option] = [
        .value("trainable", valueName: "LAYERS", help: "Dense layers that learn on the device (comma-separated node names, e.g. fc)"),
        .value("learn-arithmetic", valueName: "float32|fixed", help: "arithmetic of the training step (default float32)"),
        .value("learn-rate", valueName: "RATE", help: "initial learning rate of the training step (default 0.01)"),
    ]

    /// Fills the training-step fields of `emit`; the other two options need `--trainable`.
    static func readLearnOptions(_ arguments: ParsedArguments, into emit: inout EmitOptions) throws {
        guard let layers = arguments.value("trainable") else {
            if arguments.value("learn-arithmetic") != nil || arguments.value("learn-rate") != nil {
                throw UsageError("--learn-arithmetic and --learn-rate need --trainable LAYERS")
            }
            return
        }
        emit.trainable = layers.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !emit.trainable.isEmpty else { throw UsageError("--trainable needs at least one layer name") }
        let arithmetic = try arguments.choice("learn-arithmetic", of: ["float32", "fixed"], default: "float32")
        emit.learnArithmetic = arithmetic == "fixed" ? .fixedPoint : .float32
        if let s = arguments.value("learn-rate") {
            guard let v = Double(s), v.isFinite, v > 0 else { throw UsageError("--learn-rate expects a positive number, got '\(s)'") }
            emit.learningRate = v
        }
    }
}
