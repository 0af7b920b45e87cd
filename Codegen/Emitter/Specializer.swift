import Foundation
import SmeltIR

/// `EmitOptions.specialize`: turns `smelt_conv2d_s8(&mixer_l3_params, in, w, b, out);` into a call
/// of `static void mixer_l3_conv2d_s8(in, w, b, out)`, a copy of the kernel's body in which every
/// `p->field` / `p->q.field` is replaced by the layer's constant, so the compiler sees literal
/// loop bounds and offsets. The params struct is then no longer emitted.
///
/// Worked example: the body line `for (y = 0; y < p->out_h; ++y)` of layer 3 with `out_h = 4`
/// becomes `for (y = 0; y < (4); ++y)`; `p->q.multiplier[o]` becomes `mixer_l3_multiplier[o]`.
/// A kernel that passes `p` on keeps its params struct and binds `p` to it (`params` is then nil).
enum Specializer {
    /// The C type behind a pointer field whose value is the literal `0` (NULL).
    /// (Top-level `multiplier` / `shift`, as in `smelt_concat_params`, are scalars: not listed.)
    static let nullPointerTypes = ["q.multiplier": "const int32_t *", "q.shift": "const int32_t *",
                                   "exp_table": "const int32_t *", "table": "const int8_t *", "table16": "const int16_t *"]

    /// The specialized function and the statement calling it, or `nil` to keep `statement`.
    static func specialize(_ statement: String, kernelFiles: [String], fields all: [String: [String: String]],
                           name: String) throws -> (definition: String, call: String, params: String?)? {
        guard let m = statement.range(of: #"^(smelt_[a-z0-9_]+)\(&([A-Za-z0-9_]+), (.*)\);$"#, options: .regularExpression) else { return nil }
        let text = String(statement[m])
        let open = text.firstIndex(of: "(")!
        let function = String(text[..<open])
        let afterAmp = text.index(open, offsetBy: 2)
        let comma = text[afterAmp...].firstIndex(of: ",")!
        let params = String(text[afterAmp..<comma])
        let args = String(text[text.index(comma, offsetBy: 2)..<text.index(text.endIndex, offsetBy: -2)])
        guard let fields = all[params] else { return nil }
        for file in kernelFiles {
            let source = try KernelLibrary.text(of: file)
            guard let start = source.range(of: "SMELT_API void \(function)(") else { continue }
            guard let sigEnd = source[start.upperBound...].firstIndex(of: ")"),
                  let bodyOpen = source[sigEnd...].firstIndex(of: "{"),
                  let bodyClose = matchingBrace(source, bodyOpen) else { return nil }
            var parameters = source[start.upperBound..<sigEnd].split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            guard let paramsParameter = parameters.first, paramsParameter.hasSuffix("*p") else { return nil }
            parameters.removeFirst()
            var body = String(source[bodyOpen...bodyClose])
            var failed = false
            body = replace(body, pattern: #"p->(q\.)?([a-z0-9_]+)"#) { groups in
                let key = (groups[1] ?? "") + groups[2]!
                // `&p->q` hands the requantization struct to a helper: keep it (p is then bound below).
                if key == "q", fields[key] == nil { return "p->q" }
                guard let v = fields[key] else { failed = true; return "p" }
                if v == "0", let type = nullPointerTypes[key] { return "((\(type))0)" }
                return "(\(v))"
            }
            if failed { return nil }
            // A body that still hands `p` to a helper (e.g. the 1×1 path of the DSP conv kernel)
            // binds it to the layer's params struct, which then stays: the helper sees a pointer
            // to a constant object, which the compiler folds when it inlines the helper.
            let keepsParams = body.range(of: #"\bp\b"#, options: .regularExpression) != nil
            if keepsParams {
                let binding = "\n    " + paramsParameter.replacingOccurrences(of: "*p", with: "*const p") + " = &\(params);"
                body.insert(contentsOf: binding, at: body.index(after: body.startIndex))
            }
            let specialized = "\(name)_\(function.dropFirst("smelt_".count))"
            let definition = "/* \(function) specialized for \(params). */\nstatic void \(specialized)(\(parameters.joined(separator: ", ")))\n\(body)"
            return (definition, "\(specialized)(\(args));", keepsParams ? nil : params)
        }
        return nil
    }

    private static func matchingBrace(_ s: String, _ open: String.Index) -> String.Index? {
        var depth = 0
        var i = open
        while i < s.endIndex {
            if s[i] == "{" { depth += 1 }
            if s[i] == "}" { depth -= 1; if depth == 0 { return i } }
            i = s.index(after: i)
        }
        return nil
    }

    /// Regex replacement with capture groups (index 0 = whole match).
    private static func replace(_ s: String, pattern: String, _ f: ([String?]) -> String) -> String {
        let re = try! NSRegularExpression(pattern: pattern)
        let ns = s as NSString
        var out = ""
        var last = 0
        for m in re.matches(in: s, range: NSRange(location: 0, length: ns.length)) {
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            let groups = (0..<m.numberOfRanges).map { i -> String? in
                m.range(at: i).location == NSNotFound ? nil : ns.substring(with: m.range(at: i))
            }
            out += f(groups)
            last = m.range.location + m.range.length
        }
        return out + ns.substring(from: last)
    }
}
