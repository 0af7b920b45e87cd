import Foundation
import SmeltIR
import SmeltTargets

/// Where the target commands get a compiled model from: a model file, or the name of a
/// reference shape (`ds-cnn`, `autoencoder`; random weights, calibrated on 64 seeded random samples).
public enum ModelSource {
    /// Seeded samples the reference models are calibrated on.
    public static let referenceSampleCount = 64

    /// Compiles `model` (a path or a reference name) with `options`.
    public static func compile(_ model: String, options: CompileOptions) throws -> CompiledModel {
        if (model as NSString).pathExtension.isEmpty, let graph = try ReferenceModels.model(named: model) {
            let samples = ReferenceModels.samples(for: graph, count: referenceSampleCount)
            return try CompilePipeline(options: options).compile(graph, source: model, defaultName: model, samples: options.calibrationPath == nil ? samples : nil)
        }
        return try CompilePipeline(options: options).run(modelPath: model)
    }

    /// Help text naming the reference models.
    public static let help = "model file (.json, .onnx, .tflite) or a reference shape: " + ReferenceModels.names.joined(separator: ", ")
}
