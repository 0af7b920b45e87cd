import Foundation
import SmeltCodegen
import SmeltIR
@testable import SmeltTargets

/// The C main that drives a generated training step over a `LearnScenario.inputFile()` and prints
/// `p PRED` per step, then the parameters as `w` lines of signed 32-bit words (8 per line).
/// Host build: the file is argv[1], output through stdio. Firmware build (`SMELT_LEARN_FIRMWARE`):
/// the file is `smelt_input.bin` over semihosting (the board's startup code switches the FPU on
/// when the build uses it).
enum LearnStepMain {
    static func source(_ s: LearnScenario) -> String {
        let id = s.generated.name, up = id.uppercased()
        let targetWords = s.classify ? 1 : s.generated.learnStep!.outputs
        let call = s.classify
            ? "pred = \(id)_learn(in, (int32_t)words[0]);"
            : "memcpy(target, words, sizeof(target));\n        pred = \(id)_learn_target(in, target);"
        let split = s.classify
            ? "pred = \(id)_learn_step(features, (int32_t)words[0], 0);"
            : "memcpy(target, words, sizeof(target));\n        pred = \(id)_learn_step(features, -1, target);"
        return """
            #include <stdint.h>
            #include <string.h>
            #include "\(id).h"
            #ifdef SMELT_LEARN_FIRMWARE
            #include "semihost.h"
            static char line[128];
            static uint32_t len;
            static void out_flush(void) { line[len] = '\\0'; smelt_sh_puts(line); len = 0; }
            static void out_str(const char *s) { while (*s) { line[len++] = *s++; } }
            static void out_int(int32_t v)
            {
                char d[11];
                uint32_t n = 0;
                uint32_t u = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
                if (len > 100u) { out_flush(); }
                if (v < 0) { line[len++] = '-'; }
                do { d[n++] = (char)('0' + u % 10u); u /= 10u; } while (u != 0u);
                while (n > 0u) { line[len++] = d[--n]; }
            }
            static int in_handle;
            static int read_bytes(void *dst, uint32_t n)
            {
                uint32_t got = 0;
                while (got < n) {
                    int r = smelt_sh_read(in_handle, (uint8_t *)dst + got, n - got);
                    if (r <= 0) { break; }
                    got += (uint32_t)r;
                }
                return got == n;
            }
            __attribute__((noipa)) void smelt_bench_begin(void) { __asm__ volatile("" ::: "memory"); }
            __attribute__((noipa)) void smelt_bench_end(void) { __asm__ volatile("" ::: "memory"); }
            #else
            #define smelt_bench_begin() ((void)0)
            #define smelt_bench_end() ((void)0)
            #include <stdio.h>
            static FILE *in_file;
            static void out_flush(void) { fflush(stdout); }
            static void out_str(const char *s) { fputs(s, stdout); }
            static void out_int(int32_t v) { printf("%ld", (long)v); }
            static int read_bytes(void *dst, uint32_t n) { return fread(dst, 1, n, in_file) == n; }
            #endif

            static \(id)_io_t in[\(up)_INPUT_SIZE];
            static uint32_t words[\(targetWords)];
            #ifdef SMELT_LEARN_COUNT_STEP
            static \(id)_learn_t features[\(up)_LEARN_FEATURES];
            #endif
            \(s.classify ? "" : "static \(id)_learn_t target[\(targetWords)];")

            int main(int argc, char **argv)
            {
                int32_t pred;
                int32_t i;
                \(id)_learn_t *p;
            #ifdef SMELT_LEARN_FIRMWARE
                (void)argc;
                (void)argv;
                in_handle = smelt_sh_open_read("smelt_input.bin");
                if (in_handle < 0) { return 3; }
            #else
                if (argc < 2 || (in_file = fopen(argv[1], "rb")) == 0) { return 3; }
            #endif
                while (read_bytes(in, sizeof(in))) {
                    if (!read_bytes(words, sizeof(words))) { return 4; }
            #ifdef SMELT_LEARN_COUNT_STEP
                    (void)\(id)_learn_features(in, features);
                    smelt_bench_begin();
                    \(split)
                    smelt_bench_end();
            #else
                    \(call)
            #endif
                    out_str("p ");
                    out_int(pred);
                    out_str("\\n");
                    out_flush();
                }
                p = \(id)_learn_parameters();
                for (i = 0; i < \(up)_LEARN_PARAMETERS; ++i) {
                    uint32_t bits;
                    memcpy(&bits, &p[i], sizeof(bits));
                    if (i % 8 == 0) { out_str("w"); }
                    out_str(" ");
                    out_int((int32_t)bits);
                    if (i % 8 == 7 || i == \(up)_LEARN_PARAMETERS - 1) { out_str("\\n"); out_flush(); }
                }
                return 0;
            }

            """
    }

    /// Compiles the scenario with the host's `cc` (strict C99, UBSan), runs it, parses its output.
    static func runOnHost(_ s: LearnScenario, compiler: String = "/usr/bin/cc") throws -> (predictions: [Int], parameters: [UInt32]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smelt-learn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for f in s.generated.files { try Data(f.contents.utf8).write(to: dir.appendingPathComponent(f.name)) }
        try Data(source(s).utf8).write(to: dir.appendingPathComponent("main.c"))
        try s.inputFile().write(to: dir.appendingPathComponent("input.bin"))
        let exe = dir.appendingPathComponent("learn")
        let flags = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O2", "-fsanitize=undefined", "-fno-sanitize-recover=all"]
        let cc = try ChildProcess.run(URL(fileURLWithPath: compiler), flags + ["-I", dir.path, "-o", exe.path,
                                      dir.appendingPathComponent("main.c").path, dir.appendingPathComponent("\(s.generated.name).c").path], timeout: 120)
        guard cc.status == 0 else { throw SmeltError("cc failed: \(cc.stderrText)") }
        let run = try ChildProcess.run(exe, [dir.appendingPathComponent("input.bin").path], timeout: 120)
        guard run.status == 0 else { throw SmeltError("learn harness exited \(run.status): \(run.stderrText)") }
        return LearnScenario.parse(run.stdoutText)
    }

    /// Builds the scenario for `board` (with `-mfloat-abi=hard -mfpu=fpv4-sp-d16` when `hardFloat`), runs it under QEMU.
    /// With `countInstructions`, calls `NAME_learn_features` then `NAME_learn_step` (what `NAME_learn`
    /// does), runs under the instruction counter and returns the instructions of each step alone
    /// (forward of the head, gradient, update; not the backbone), else an empty list.
    static func runOnBoard(_ s: LearnScenario, board: Board, hardFloat: Bool, countInstructions: Bool = false)
        throws -> (predictions: [Int], parameters: [UInt32], elf: URL, instructions: [Int]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smelt-learn-fw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for f in s.generated.files { try Data(f.contents.utf8).write(to: dir.appendingPathComponent(f.name)) }
        try Data(source(s).utf8).write(to: dir.appendingPathComponent("main.c"))
        var board = board
        if hardFloat {
            // Replace (not append to) -mfloat-abi=soft, so gcc picks the thumb/v7e-m+fp/hard newlib.
            board.gccFlags = board.gccFlags.filter { !$0.hasPrefix("-mfloat-abi") } + ["-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"]
        }
        let elf = try FirmwareBuilder().build(
            sources: [dir.appendingPathComponent("main.c"), dir.appendingPathComponent("\(s.generated.name).c")],
            includeDirs: [dir], board: board, optimization: .speed,
            defines: ["SMELT_LEARN_FIRMWARE"] + (countInstructions ? ["SMELT_LEARN_COUNT_STEP"] : []),
            output: dir.appendingPathComponent("learn.elf"))
        if countInstructions {
            let counts = try InstructionCounter().count(elf: elf, board: board, input: s.inputFile(), timeout: 600)
            guard counts.run.exitCode == 0 else { throw SmeltError("learn firmware exited \(counts.run.exitCode)") }
            let parsed = LearnScenario.parse(counts.run.output)
            return (parsed.predictions, parsed.parameters, elf, counts.perInference)
        }
        let result = try QEMURunner().run(elf: elf, board: board, input: s.inputFile(), timeout: 120)
        guard result.exitCode == 0 else { throw SmeltError("learn firmware exited \(result.exitCode): \(result.output.suffix(300))") }
        let parsed = LearnScenario.parse(result.output)
        return (parsed.predictions, parsed.parameters, elf, [])
    }
}
