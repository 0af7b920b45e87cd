import Foundation
import SmeltIR

/// Numeric rows read from a CSV file: one sample per row, comma-separated.
///
/// Blank lines are skipped. The first row is a header when none of its cells is a number
/// (`x0,x1,label`), and its names are kept in `header`. Every other cell must be a finite number.
/// Errors name the file, the 1-based line and, for a bad cell, the 1-based column:
/// `data.csv: line 7 has 3 columns, expected 4`, `data.csv: line 2, column 3: "abc" is not a number`.
///
/// ```swift
/// let csv = try CSVData(path: "digits.csv", expectedColumns: 65)
/// let (features, labels) = try csv.splittingLabelColumn(.last)
/// ```
public struct CSVData: Sendable, Equatable {
    /// Column names when the file has a header row.
    public var header: [String]?
    /// The numeric rows, all the same width.
    public var rows: [[Float]]
    /// The 1-based line each row came from (for error messages downstream).
    public var lineNumbers: [Int]
    /// The file name used in error messages.
    public var source: String

    /// Which column holds a label, for `splittingLabelColumn`.
    public enum LabelColumn: Sendable, Equatable {
        case first, last
        case index(Int)
    }

    /// Reads and parses a CSV file. Throws if it cannot be read or `parse` fails.
    public init(path: String, expectedColumns: Int? = nil) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SmeltError("\(path): cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SmeltError("\(path): not UTF-8 text")
        }
        try self.init(text: text, source: path, expectedColumns: expectedColumns)
    }

    /// Parses CSV text. `expectedColumns`, when given, is the width every row must have.
    public init(text: String, source: String = "<csv>", expectedColumns: Int? = nil) throws {
        self.source = source
        self.rows = []
        self.lineNumbers = []
        self.header = nil
        var width = expectedColumns
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (i, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let lineNo = i + 1
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if let w = width, cells.count != w {
                throw SmeltError("\(source): line \(lineNo) has \(cells.count) columns, expected \(w)")
            }
            let numbers = cells.map { Float($0) }
            if rows.isEmpty && header == nil && numbers.allSatisfy({ $0 == nil }) {
                header = cells
                width = cells.count
                continue
            }
            var row: [Float] = []
            row.reserveCapacity(cells.count)
            for (j, cell) in cells.enumerated() {
                guard let v = numbers[j] else {
                    throw SmeltError("\(source): line \(lineNo), column \(j + 1): \"\(cell)\" is not a number")
                }
                guard v.isFinite else {
                    throw SmeltError("\(source): line \(lineNo), column \(j + 1): \(cell) is not finite")
                }
                row.append(v)
            }
            width = cells.count
            rows.append(row)
            lineNumbers.append(lineNo)
        }
        guard !rows.isEmpty else { throw SmeltError("\(source): no data rows") }
    }

    /// Number of columns of every row.
    public var columnCount: Int { rows.first?.count ?? 0 }

    /// Splits off one column as labels: returns the remaining columns and the label column.
    /// Throws if the index is outside the row width or the table would have no feature left.
    public func splittingLabelColumn(_ which: LabelColumn) throws -> (features: CSVData, labels: [Float]) {
        let n = columnCount
        let k: Int
        switch which {
        case .first: k = 0
        case .last: k = n - 1
        case .index(let i): k = i
        }
        guard (0..<n).contains(k), n >= 2 else {
            throw SmeltError("\(source): label column \(k + 1) does not exist in \(n) columns with at least one feature")
        }
        var features = self
        features.rows = rows.map { r in var r = r; r.remove(at: k); return r }
        if var h = header { h.remove(at: k); features.header = h }
        return (features, rows.map { $0[k] })
    }

    /// Checks that every row has `count` values (the model's input size).
    public func requireWidth(_ count: Int, for what: String) throws {
        guard columnCount == count else {
            throw SmeltError("\(source): rows have \(columnCount) values, \(what) needs \(count)")
        }
    }
}
