/// A plain-text table with aligned columns: text columns left-aligned, numeric ones right-aligned.
///
/// ```
/// node  op     params
/// ----  -----  ------
/// fc1   Dense      32
/// ```
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    public private(set) var rows: [[String]] = []
    /// Rows printed after a separator (totals).
    public private(set) var footer: [[String]] = []

    public init(headers: [String], alignments: [Alignment]) {
        self.headers = headers
        self.alignments = alignments
    }

    /// Appends a body row (missing cells are blank).
    public mutating func add(_ row: [String]) { rows.append(row) }

    /// Appends a row below the closing separator.
    public mutating func addFooter(_ row: [String]) { footer.append(row) }

    /// The table as lines, columns separated by two spaces, no trailing spaces.
    public func render() -> String {
        let all = [headers] + rows + footer
        let widths = headers.indices.map { c in all.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        func format(_ row: [String]) -> String {
            let cells = headers.indices.map { c -> String in
                let cell = c < row.count ? row[c] : ""
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return alignments[c] == .right ? pad + cell : cell + pad
            }
            return String(cells.joined(separator: "  ").reversed().drop(while: { $0 == " " }).reversed())
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        var lines = [format(headers), rule] + rows.map(format)
        if !footer.isEmpty { lines += [rule] + footer.map(format) }
        return lines.joined(separator: "\n") + "\n"
    }
}
