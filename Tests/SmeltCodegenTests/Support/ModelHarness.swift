import Foundation
@testable import SmeltCodegen

/// Compiles a generated model with a small C main and runs it on many inputs.
///
/// The main reads `NAME_INPUT_SIZE` integers per sample from stdin, calls `NAME_invoke`, and
/// prints `NAME_OUTPUT_SIZE` integers per line, until stdin ends.
enum ModelHarness {
    static func main(for c: GeneratedC) -> String {
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
