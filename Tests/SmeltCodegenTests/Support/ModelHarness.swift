import Foundation
@testable import SmeltCodegen

/// Compiles a generated model with a small C main and runs it on many inputs.
///
/// The main reads `NAME_INPUT_SIZE` integers per sample from stdin, calls `NAME_invoke`, and
/// prints `NAME_OUTPUT_SIZE` integers per line, until stdin ends. For a model with several inputs
/// a sample is `NAME_INPUT0_SIZE`, then `NAME_INPUT1_SIZE`, ... integers (the inputs concatenated
/// in graph order) and the main calls `NAME_invoke_inputs`.
enum ModelHarness {
    static func main(for c: GeneratedC) -> String {
        if c.inputCount > 1 { return multiInputMain(for: c) }
        let up = c.name.uppercased()
        return """
        #include <stdio.h>
        #include "\(c.name).h"

        int main(void)
        {
            static \(c.name)_io_t in[\(up)_INPUT_SIZE];
            static \(c.name)_io_t out[\(up)_OUTPUT_SIZE];
            long v;
            int i;
            for (;;) {
                for (i = 0; i < \(up)_INPUT_SIZE; ++i) {
                    if (scanf("%ld", &v) != 1) {
                        return 0;
                    }
                    in[i] = (\(c.name)_io_t)v;
                }
                if (\(c.name)_invoke(in, out) != 0) {
                    return 2;
                }
                for (i = 0; i < \(up)_OUTPUT_SIZE; ++i) {
                    printf("%d ", (int)out[i]);
                }
                printf("\\n");
            }
        }

        """
    }

    /// The main for `NAME_invoke_inputs`: reads each input in turn, then calls the model.
    static func multiInputMain(for c: GeneratedC) -> String {
        let up = c.name.uppercased(), n = c.inputCount
        let buffers = (0..<n).map { "    static \(c.name)_io_t in\($0)[\(up)_INPUT\($0)_SIZE];\n" }.joined()
        let setup = (0..<n).map { "    ins[\($0)] = in\($0);\n" }.joined()
        let reads = (0..<n).map { "        if (!read_values(in\($0), \(up)_INPUT\($0)_SIZE)) {\n            return 0;\n        }\n" }.joined()
        return """
        #include <stdio.h>
        #include "\(c.name).h"

        static int read_values(\(c.name)_io_t *dst, int count)
        {
            long v;
            int i;
            for (i = 0; i < count; ++i) {
                if (scanf("%ld", &v) != 1) {
                    return 0;
                }
                dst[i] = (\(c.name)_io_t)v;
            }
            return 1;
        }

        int main(void)
        {
        \(buffers)    static \(c.name)_io_t out[\(up)_OUTPUT_SIZE];
            const \(c.name)_io_t *ins[\(up)_NUM_INPUTS];
            int i;
        \(setup)    for (;;) {
        \(reads)        if (\(c.name)_invoke_inputs(ins, out) != 0) {
                    return 2;
                }
                for (i = 0; i < \(up)_OUTPUT_SIZE; ++i) {
                    printf("%d ", (int)out[i]);
                }
                printf("\\n");
            }
        }

        """
    }

    /// Flags that make any undefined behaviour (signed overflow, bad shifts, out-of-bounds
    /// indexing of arrays) abort the program.
    static let sanitizeFlags = ["-fsanitize=undefined", "-fno-sanitize-recover=all"]

    /// Builds the model with `compiler` and returns one output row per input row.
    static func run(_ c: GeneratedC, inputs: [[Int64]], compiler: CCompiler, singleHeader: Bool = false, extraFlags: [String] = []) throws -> [[Int64]] {
        var files = ["main.c": main(for: c)]
        if singleHeader {
            files["\(c.name).h"] = c.singleHeader!
            files["impl.c"] = "#define SMELT_\(c.name.uppercased())_IMPLEMENTATION\n#include \"\(c.name).h\"\n"
        } else {
            files["\(c.name).h"] = c.header
            files["\(c.name).c"] = c.source
        }
        let exe = try compiler.build(files: files, extraFlags: extraFlags)
        defer { try? FileManager.default.removeItem(at: exe.deletingLastPathComponent()) }
        let stdin = inputs.map { $0.map(String.init).joined(separator: " ") }.joined(separator: "\n") + "\n"
        let out = try compiler.run(exe, stdin: stdin)
        return out.split(separator: "\n").map { $0.split(separator: " ").map { Int64($0)! } }
    }
}
