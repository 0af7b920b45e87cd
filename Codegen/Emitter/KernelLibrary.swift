import Foundation
import SmeltIR

/// The C kernel files shipped with SmeltCodegen (Codegen/Kernels, copied as a bundle resource).
///
/// The generator pastes these files verbatim into the generated source, so the kernels on disk
/// are the single source of truth for what the generated code computes.
public enum KernelLibrary {
    /// Headers every generated model needs, in inclusion order.
    public static let headers = ["smelt_fixedpoint.h", "smelt_simd.h", "smelt_kernels.h"]

    /// The directory holding the kernel files.
    public static var directory: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "Kernels", withExtension: nil) else {
                throw SmeltError("SmeltCodegen: kernel resources (Kernels/) are missing from the bundle")
            }
            return url
        }
    }

    /// The text of one kernel file, e.g. `text(of: "smelt_dense_s8.c")`.
    public static func text(of file: String) throws -> String {
        let url = try directory.appendingPathComponent(file)
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw SmeltError("SmeltCodegen: cannot read kernel file \(url.path): \(error.localizedDescription)")
        }
    }

    /// Every kernel file name (.c and .h), sorted.
    public static func allFiles() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: try directory.path)
        return names.filter { $0.hasSuffix(".c") || $0.hasSuffix(".h") }.sorted()
    }
}
