import Foundation
import SmeltCodegen
import SmeltEmulator
import SmeltIR
import SmeltLearn
import SmeltQuant
import Testing
@testable import SmeltTargets

/// The generated on-device training step (`EmitOptions.trainable`) against the Swift runtime:
/// fixed point bit for bit, float32 within 1e-6 (largest parameter difference relative to the
/// largest parameter) after 100 steps — on the host with cc, and under QEMU on Cortex-M0
/// (fixed point, no FPU) and Cortex-M4 (float32 on the FPU).
@Suite("Generated training step")
struct LearnStepTests {
    static func check(_ s: LearnScenario, c: (predictions: [Int], parameters: [UInt32]), label: String) throws {
        let swift = try s.swiftRun()
        #expect(c.predictions.count == s.inputs.count, "\(label): \(c.predictions.count) predictions")
        #expect(c.parameters.count == s.generated.learnStep!.parameters, "\(label): \(c.parameters.count) parameters")
        #expect(c.predictions == swift.predictions, "\(label): predictions differ")
        switch s.arithmetic {
        case .fixedPoint:
            let differing = zip(c.parameters, swift.parameters).filter { $0 != $1 }.count
            #expect(c.parameters == swift.parameters, "\(label): \(differing) Q7.24 parameters differ")
        case .float32:
            let rel = LearnScenario.relativeError(c.parameters, swift.parameters)
            let exact = c.parameters == swift.parameters
            print("\(label): float32 parameters after \(s.inputs.count) steps: max relative difference \(rel)\(exact ? " (bit-identical)" : "")")
            #expect(rel <= 1e-6, "\(label): relative difference \(rel)")
        }
        // The step learned something: the parameters moved away from their initial values.
        #expect(c.parameters != swift.parameters.indices.map { _ in 0 })
    }

    @Test("digits head fc: C (cc, UBSan) equals the Swift step", arguments: LearnArithmetic.allCases)
    func digitsOnHost(_ arithmetic: LearnArithmetic) throws {
        let s = try LearnScenario.digits(arithmetic)
        print(s.generated.learnStep!.summary)
        try Self.check(s, c: try LearnStepMain.runOnHost(s), label: "digits/\(arithmetic.rawValue)/host")
        // The step improves the head: accuracy on the 100 samples is higher at the end than at the start.
        let swift = try s.swiftRun()
        let firstHalf = zip(swift.predictions.prefix(50), s.labels).filter { $0 == $1 }.count
        #expect(firstHalf >= 40, "the int8-derived head should already classify most digits (\(firstHalf)/50)")
    }

    @Test("before learning, the dequantized head on the backbone's features agrees with the int8 model")
    func initialHeadMatchesInt8Model() throws {
        let s = try LearnScenario.digits(.float32)
        let q = try LearnScenario.quantized("digits")
        let full = try IntegerInterpreter(graph: q), backbone = try IntegerInterpreter(graph: s.head.backbone!)
        let float = try OnlineLearner(layers: s.head.layers, loss: s.head.loss, learningRate: 0.01)
        let fixed = try FixedPointLearner(layers: s.head.layers, loss: s.head.loss, learningRate: 0.01)
        var agreeFloat = 0, agreeFixed = 0, correct = 0
        for (x, label) in zip(s.inputs, s.labels) {
            let out = try full.run(x)
            let int8 = out.indices.max { out[$0] < out[$1] }!
            let f = try backbone.run(x)
            if float.predict(s.head.features(f)) == int8 { agreeFloat += 1 }
            if fixed.predict(s.head.fixedFeatures(f)) == int8 { agreeFixed += 1 }
            if int8 == label { correct += 1 }
        }
        print("digits, 100 training rows: int8 model correct \(correct); float head agrees \(agreeFloat), fixed head \(agreeFixed)")
        #expect(agreeFloat >= 95 && agreeFixed >= 95)
    }

    @Test("digits quantized int16 and pow2: the step on their backbones equals the Swift step",
          arguments: [Scheme.int16, .pow2], LearnArithmetic.allCases)
    func otherSchemesOnHost(_ scheme: Scheme, _ arithmetic: LearnArithmetic) throws {
        let s = try LearnScenario.digits(arithmetic, steps: 30, scheme: scheme)
        #expect(s.head.featureType == (scheme == .int16 ? .int16 : .int8))
        try Self.check(s, c: try LearnStepMain.runOnHost(s), label: "digits-\(scheme.rawValue)/\(arithmetic.rawValue)/host")
    }

    @Test("sine fc2+fc3 (ReLU between, MSE): C equals the Swift step", arguments: LearnArithmetic.allCases)
    func sineTwoLayersOnHost(_ arithmetic: LearnArithmetic) throws {
        let s = try LearnScenario.sine(arithmetic, layers: ["fc2", "fc3"])
        try Self.check(s, c: try LearnStepMain.runOnHost(s), label: "sine-fc2fc3/\(arithmetic.rawValue)/host")
    }

    @Test("sine fully trainable (no backbone): C equals the Swift step", arguments: LearnArithmetic.allCases)
    func sineWholeModelOnHost(_ arithmetic: LearnArithmetic) throws {
        let s = try LearnScenario.sine(arithmetic, layers: ["fc1", "fc2", "fc3"])
        #expect(s.head.backbone == nil)
        try Self.check(s, c: try LearnStepMain.runOnHost(s), label: "sine-all/\(arithmetic.rawValue)/host")
    }

    @Test("the header states the RAM of the step, and C's sizeof agrees (compile-time check)")
    func ramMacro() throws {
        let s = try LearnScenario.digits(.float32, steps: 1)
        let info = s.generated.learnStep!
        // digits head: Dense 256 → 10: 2570 parameters, 266 activations, 2·10 gradients, flag, 256 int8 features.
        #expect(info.parameters == 2570)
        #expect(info.ramBytes == 4 * (2570 + 266 + 20 + 1) + 256)
        #expect(s.generated.header.contains("#define DIGITS_LEARN_RAM_BYTES \(info.ramBytes) "))
    }

    @Test("bad trainable layers are one clear error")
    func badLayers() throws {
        let q = try LearnScenario.quantized("digits")
        var options = EmitOptions()
        options.trainable = ["conv2"]
        #expect(throws: SmeltError.self) { try CEmitter.emit(graph: q, name: "digits", options: options) }
        options.trainable = ["nope"]
        do {
            _ = try CEmitter.emit(graph: q, name: "digits", options: options)
            Issue.record("expected an error")
        } catch let e as SmeltError {
            #expect(e.message.contains("no node \"nope\""))
        }
    }
}

@Suite("Generated training step under QEMU", .enabled(if: ArmTools.available, "arm-none-eabi-gcc / qemu-system-arm missing (see .ci/install-arm-tools.sh)"))
struct LearnStepFirmwareTests {
    @Test("fixed point on Cortex-M0 (no FPU) equals the Swift step bit for bit")
    func fixedPointOnCortexM0() throws {
        let s = try LearnScenario.digits(.fixedPoint)
        let r = try LearnStepMain.runOnBoard(s, board: try Board.load("cortex-m0"), hardFloat: false)
        try LearnStepTests.check(s, c: (r.predictions, r.parameters), label: "digits/fixed/cortex-m0")
        let size = try SizeReport.measure(elf: r.elf)
        print("digits fixed-point learn firmware on cortex-m0: text \(size.text), data \(size.data), bss \(size.bss) bytes")
    }

    @Test("Examples/presence recovery stream (200 samples, fc2+fc3) on Cortex-M0 equals the Swift run bit for bit")
    func presenceOnCortexM0() throws {
        let s = try LearnScenario.presence(.fixedPoint)
        let r = try LearnStepMain.runOnBoard(s, board: try Board.load("cortex-m0"), hardFloat: false)
        try LearnStepTests.check(s, c: (r.predictions, r.parameters), label: "presence/fixed/cortex-m0")
        // Prequential accuracy on the drifted stream: the first 20 predictions (frozen head) vs the last 100.
        let early = zip(r.predictions.prefix(20), s.labels).filter { $0 == $1 }.count
        let late = zip(r.predictions.suffix(100), s.labels.suffix(100)).filter { $0 == $1 }.count
        print("presence on cortex-m0: correct before update, first 20 samples \(early)/20, last 100 samples \(late)/100")
        #expect(late >= 90)
    }

    @Test("instructions per training step (head forward, gradient, update), presence head, 3 samples", arguments: [
        ("presence", LearnArithmetic.fixedPoint, "cortex-m0"), ("presence", .float32, "cortex-m4"),
    ])
    func instructionsPerStep(model: String, arithmetic: LearnArithmetic, boardName: String) throws {
        try Self.countSteps(model: model, arithmetic: arithmetic, boardName: boardName)
    }

    /// The digits head traces ~1.5 M instructions per case: run with `SMELT_LEARN_BENCH=1 swift test --filter instructionsPerDigitsStep`.
    @Test("instructions per training step, digits head (SMELT_LEARN_BENCH=1)",
          .enabled(if: ProcessInfo.processInfo.environment["SMELT_LEARN_BENCH"] != nil, "set SMELT_LEARN_BENCH=1 to count the digits head's steps"),
          arguments: [("digits", LearnArithmetic.fixedPoint, "cortex-m0"), ("digits", .float32, "cortex-m4"), ("digits", .fixedPoint, "cortex-m4")])
    func instructionsPerDigitsStep(model: String, arithmetic: LearnArithmetic, boardName: String) throws {
        try Self.countSteps(model: model, arithmetic: arithmetic, boardName: boardName)
    }

    static func countSteps(model: String, arithmetic: LearnArithmetic, boardName: String) throws {
        var s = model == "digits" ? try LearnScenario.digits(arithmetic, steps: 3) : try LearnScenario.presence(arithmetic)
        s.inputs = Array(s.inputs.prefix(3))
        s.labels = Array(s.labels.prefix(3))
        let r = try LearnStepMain.runOnBoard(s, board: try Board.load(boardName), hardFloat: arithmetic == .float32, countInstructions: true)
        try LearnStepTests.check(s, c: (r.predictions, r.parameters), label: "\(model)/\(arithmetic.rawValue)/\(boardName)")
        print("\(model) \(arithmetic.rawValue) on \(boardName): instructions per training step \(r.instructions)")
        #expect(r.instructions.count == 3 && r.instructions.allSatisfy { $0 > 500 })
    }

    @Test("float32 on Cortex-M4 with the FPU matches the Swift step within 1e-6")
    func floatOnCortexM4() throws {
        let s = try LearnScenario.digits(.float32)
        let r = try LearnStepMain.runOnBoard(s, board: try Board.load("cortex-m4"), hardFloat: true)
        try LearnStepTests.check(s, c: (r.predictions, r.parameters), label: "digits/float32/cortex-m4")
    }
}
