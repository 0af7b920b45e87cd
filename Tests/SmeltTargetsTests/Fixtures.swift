import Foundation
@testable import SmeltTargets

/// Hand-written C "models" that implement the generated-C contract, and helpers to build them.
enum Fixtures {
    /// A two-layer int8 model: layer 0 = two dot products of the 8 inputs, layer 1 = shift by 2
    /// (arithmetic, i.e. floor) and clamp to int8. `-DDOT_IO16` makes the I/O int16.
    /// Weights: row 0 = 1...8, row 1 = -8...-1; biases 16 and -16.
    static let dotHeader = """
        #ifndef DOT_H
        #define DOT_H
        #include <stdint.h>
        #define DOT_INPUT_SIZE 8
        #define DOT_OUTPUT_SIZE 2
        #define DOT_ARENA_BYTES 8
        #ifdef DOT_IO16
        typedef int16_t dot_io_t;
        #else
        typedef int8_t dot_io_t;
        #endif
        int dot_invoke(const dot_io_t *input, dot_io_t *output);
        #endif

        """

    static let dotSource = """
        #include "dot.h"
        #ifndef SMELT_LAYER_BEGIN
        #define SMELT_LAYER_BEGIN(i) ((void)0)
        #endif
        #ifndef SMELT_LAYER_END
        #define SMELT_LAYER_END(i) ((void)0)
        #endif
        #ifdef DOT_IO16
        #define DOT_MIN (-32768)
        #define DOT_MAX 32767
        #else
        #define DOT_MIN (-128)
        #define DOT_MAX 127
        #endif
        static const int8_t dot_weights[2][8] = {{1, 2, 3, 4, 5, 6, 7, 8}, {-8, -7, -6, -5, -4, -3, -2, -1}};
        static const int32_t dot_bias[2] = {16, -16};
        static int32_t dot_arena[2];
        int dot_invoke(const dot_io_t *input, dot_io_t *output) {
            int j, i;
            SMELT_LAYER_BEGIN(0);
            for (j = 0; j < 2; j++) {
                int32_t acc = dot_bias[j];
                for (i = 0; i < 8; i++) acc += (int32_t)input[i] * dot_weights[j][i];
                dot_arena[j] = acc;
            }
            SMELT_LAYER_END(0);
            SMELT_LAYER_BEGIN(1);
            for (j = 0; j < 2; j++) {
                int32_t v = dot_arena[j] >> 2;
                output[j] = (dot_io_t)(v < DOT_MIN ? DOT_MIN : v > DOT_MAX ? DOT_MAX : v);
            }
            SMELT_LAYER_END(1);
            return 0;
        }

        """

    /// A one-input "model" whose layer 0 spins input[0] times through a 4-instruction-ish loop body.
    static let spinHeader = """
        #include <stdint.h>
        #define SPIN_INPUT_SIZE 1
        #define SPIN_OUTPUT_SIZE 1
        typedef int8_t spin_io_t;
        int spin_invoke(const spin_io_t *input, spin_io_t *output);

        """

    static let spinSource = """
        #include "spin.h"
        #ifndef SMELT_LAYER_BEGIN
        #define SMELT_LAYER_BEGIN(i) ((void)0)
        #define SMELT_LAYER_END(i) ((void)0)
        #endif
        int spin_invoke(const spin_io_t *input, spin_io_t *output) {
            int32_t n = input[0], i, acc = 0;
            SMELT_LAYER_BEGIN(0);
            for (i = 0; i < n; i++) {
                acc += i;
                __asm__ volatile("" : "+r"(acc));
            }
            SMELT_LAYER_END(0);
        #ifdef SPIN_FOREVER
            for (;;) { __asm__ volatile(""); }
        #endif
        #ifdef SPIN_TRAP
            if (n == 3) __builtin_trap();
        #endif
            output[0] = (spin_io_t)(acc & 0x7f);
            return 0;
        }

        """

    /// Writes `files` into a fresh temporary folder and returns it.
    static func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("smelt-targets-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        }
        return dir
    }

    /// Builds the runner around the `dot` model for `board`.
    static func dotFirmware(board: Board, io16: Bool = false, optimization: FirmwareBuilder.Optimization = .speed) throws -> URL {
        let dir = try folder(["dot.h": dotHeader, "dot.c": dotSource])
        return try FirmwareBuilder().buildModelRunner(
            modelName: "dot", header: dir.appendingPathComponent("dot.h"), sources: [dir.appendingPathComponent("dot.c")],
            board: board, optimization: optimization, defines: io16 ? ["DOT_IO16"] : [],
            extraFlags: ["-Werror"], output: dir.appendingPathComponent("dot-\(board.name).elf"))
    }

    /// Builds the runner around the `spin` model for `board`, with extra `defines`.
    static func spinFirmware(board: Board, defines: [String] = []) throws -> URL {
        let dir = try folder(["spin.h": spinHeader, "spin.c": spinSource])
        return try FirmwareBuilder().buildModelRunner(
            modelName: "spin", header: dir.appendingPathComponent("spin.h"), sources: [dir.appendingPathComponent("spin.c")],
            board: board, defines: defines, extraFlags: ["-Werror"], output: dir.appendingPathComponent("spin-\(board.name).elf"))
    }

    /// Builds a bare program (`main` in `source`, no runner) for `board`.
    static func program(_ source: String, board: Board, defines: [String] = []) throws -> URL {
        let dir = try folder(["main.c": source])
        return try FirmwareBuilder().build(
            sources: [dir.appendingPathComponent("main.c")], board: board, defines: defines,
            output: dir.appendingPathComponent("main-\(board.name).elf"))
    }
}

/// Whether the ARM tools are installed; prints once which one is missing when they are not.
enum ArmTools {
    static let available: Bool = {
        let toolchain = Toolchain.find()
        if let message = toolchain.missingMessage {
            print("SmeltTargetsTests: skipping firmware tests: \(message)")
        }
        return toolchain.isComplete
    }()
}
