// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Smelt",
    products: [
        .executable(name: "smelt", targets: ["smelt"]),
        .library(name: "SmeltIR", targets: ["SmeltIR"]),
    ],
    targets: [
        // Graph, tensors, ops, verification, model JSON, builder, statistics.
        .target(name: "SmeltIR"),
        // ONNX (protobuf wire format) and TFLite (flatbuffers) readers, written here, mapping to Graph.
        .target(name: "SmeltFrontend", dependencies: ["SmeltIR"]),
        // Pure graph → graph passes (BatchNorm folding, activation fusion, ...).
        .target(name: "SmeltPasses", dependencies: ["SmeltIR"]),
        // Fixed-point arithmetic, calibration and post-training quantization.
        .target(name: "SmeltQuant", dependencies: ["SmeltIR", "SmeltPasses"]),
        // Float reference and integer interpreters: the definition of what the C computes.
        .target(name: "SmeltEmulator", dependencies: ["SmeltIR", "SmeltQuant"]),
        // The C backend: emitter plus the C kernel library it copies from (Codegen/Kernels).
        .target(
            name: "SmeltCodegen",
            dependencies: ["SmeltIR", "SmeltQuant", "SmeltEmulator", "SmeltLearn"],
            path: "Codegen",
            exclude: [],
            sources: ["Emitter"],
            resources: [.copy("Kernels")]
        ),
        // Cortex-M boards and the cross-compile / QEMU driver.
        .target(
            name: "SmeltTargets",
            dependencies: ["SmeltIR", "SmeltCodegen"],
            path: "Targets",
            sources: ["Driver"],
            resources: [.copy("Boards")]
        ),
        // Host training: backprop, optimizers, online learning.
        .target(name: "SmeltLearn", dependencies: ["SmeltIR", "SmeltQuant", "SmeltEmulator", "SmeltPasses"]),
        // Federated meta-learning over simulated fleets: TinyReptile, Reptile, FedAvg.
        .target(name: "SmeltFederated", dependencies: ["SmeltIR", "SmeltQuant", "SmeltLearn"]),
        // Semantic catalog: model and device descriptions, matching, RDF export.
        .target(name: "SmeltCatalog", dependencies: ["SmeltIR", "SmeltCodegen", "SmeltTargets"], resources: [.copy("DefaultCatalog")]),
        // Fleets over MQTT: a 3.1.1 client, the fleet payload format, coordinator and device loops.
        .target(name: "SmeltFleet", dependencies: ["SmeltIR", "SmeltFederated"]),
        // Subcommands of the CLI; the executable is a thin wrapper.
        .target(name: "SmeltCLI", dependencies: ["SmeltIR", "SmeltFrontend", "SmeltPasses", "SmeltQuant", "SmeltEmulator", "SmeltCodegen", "SmeltTargets", "SmeltLearn", "SmeltFederated", "SmeltCatalog", "SmeltFleet"]),
        .executableTarget(name: "smelt", dependencies: ["SmeltCLI"]),

        .testTarget(name: "SmeltIRTests", dependencies: ["SmeltIR"]),
        .testTarget(name: "SmeltFrontendTests", dependencies: ["SmeltFrontend", "SmeltEmulator"]),
        .testTarget(name: "SmeltPassesTests", dependencies: ["SmeltPasses", "SmeltEmulator"]),
        .testTarget(name: "SmeltQuantTests", dependencies: ["SmeltQuant", "SmeltEmulator"]),
        .testTarget(name: "SmeltEmulatorTests", dependencies: ["SmeltEmulator"]),
        .testTarget(name: "SmeltLearnTests", dependencies: ["SmeltLearn"]),
        .testTarget(name: "SmeltCodegenTests", dependencies: ["SmeltCodegen", "SmeltQuant", "SmeltEmulator", "SmeltPasses", "SmeltFrontend"]),
        .testTarget(name: "SmeltTargetsTests", dependencies: ["SmeltTargets", "SmeltCodegen", "SmeltLearn", "SmeltQuant", "SmeltEmulator", "SmeltPasses"]),
        .testTarget(name: "SmeltFederatedTests", dependencies: ["SmeltFederated", "SmeltIR", "SmeltQuant", "SmeltEmulator", "SmeltCodegen"]),
        .testTarget(name: "SmeltCatalogTests", dependencies: ["SmeltCatalog", "SmeltQuant", "SmeltEmulator", "SmeltPasses"]),
        .testTarget(name: "SmeltFleetTests", dependencies: ["SmeltFleet", "smelt"]),
        .testTarget(name: "SmeltCLITests", dependencies: ["SmeltCLI", "smelt"]),
    ]
)
