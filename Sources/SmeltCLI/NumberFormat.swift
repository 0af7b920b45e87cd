/// Number formatting shared by the commands.
public enum NumberFormat {
    /// The shortest decimal that reads back as the same `Float`, `%g`-style:
    /// `1.0` → `"1"`, `0.84147096` → `"0.84147096"`, `1e-05` → `"1e-05"`, `-0.0` → `"-0"`.
    public static func shortest(_ x: Float) -> String {
        var s = x.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }

    /// Thousands separators for counts in tables: `321` → `"321"`, `300410` → `"300,410"`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// A shape as `[16, 16, 8]`, or `[]` for a scalar.
    public static func shape(_ s: [Int]) -> String {
        "[" + s.map(String.init).joined(separator: ", ") + "]"
    }
}
