/// A compiled model as the catalog sees it: what it needs (sensors, flash, RAM, an FPU for a float
/// training step) and what it is (task, layers, MACs, accuracy, provenance). Stored as
/// `NAME.model.jsonld`; the format is documented in docs/catalog.md.
public struct ModelDescription: Sendable, Equatable {
    /// A sensor feeding the model input, with the unit its values are in.
    public struct SensorNeed: Sendable, Equatable {
        public var kind: String
        public var unit: String
        public init(kind: String, unit: String) { self.kind = kind; self.unit = unit }
    }

    public struct Input: Sendable, Equatable {
        public var name: String
        public var shape: [Int]
        public var dtype: String
        public var sensors: [SensorNeed]
    }

    public struct Output: Sendable, Equatable {
        public var name: String
        public var shape: [Int]
        public var dtype: String
        /// Class labels in output order; empty for regression.
        public var classes: [String]
    }

    public struct Layer: Sendable, Equatable {
        public var index: Int
        public var name: String
        /// Op spelling (`Conv2D`, `Dense`, ...).
        public var type: String
        /// Fused or standalone activation (`none`, `relu`, `relu6`, `softmax`, ...).
        public var activation: String
        public var inputShape: [Int]
        public var outputShape: [Int]
        /// Scheme of the layer's output (`int8`, `int16`, `pow2`).
        public var quantization: String
        /// Weight storage (`int8 per-channel`, `int8 per-tensor`), `nil` for a layer without weights.
        public var weights: String?
        public var macs: Int
    }

    /// A generated on-device training step (`NAME_learn`).
    public struct Training: Sendable, Equatable {
        /// `float32` (needs an FPU) or `fixed-point`.
        public var arithmetic: String
        public var layers: [String]
        /// Extra RAM the step needs on top of the arena.
        public var bufferBytes: Int
        public init(arithmetic: String, layers: [String], bufferBytes: Int) {
            self.arithmetic = arithmetic; self.layers = layers; self.bufferBytes = bufferBytes
        }
    }

    public struct Accuracy: Sendable, Equatable {
        public var metric: String
        public var value: Double
        public var dataset: String?
        public init(metric: String, value: Double, dataset: String? = nil) {
            self.metric = metric; self.value = value; self.dataset = dataset
        }
    }

    public var name: String
    /// `urn:uuid:...`, derived from the name and the C hash (same C → same id).
    public var id: String
    public var task: String
    public var description: String?
    public var input: Input
    public var output: Output
    public var quantization: String
    public var layers: [Layer]
    public var macs: Int
    /// Read-only bytes: weights, tables, parameters (kernel code not included).
    public var flashBytes: Int
    /// The activation arena.
    public var arenaBytes: Int
    public var training: Training?
    public var accuracy: Accuracy?
    public var smeltVersion: String
    /// SHA-256 of the generated C (header then source), lower-case hex.
    public var generatedCSha256: String

    /// RAM the model needs: the arena plus the training step's buffers.
    public var ramBytes: Int { arenaBytes + (training?.bufferBytes ?? 0) }

    /// Sensor kinds the model needs, each once, sorted.
    public var requiredSensorKinds: [String] { Array(Set(input.sensors.map(\.kind))).sorted() }
}
