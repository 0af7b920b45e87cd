import Foundation
import SmeltIR

/// A minimal CSV reader for training data: one header row, comma-separated fields, no quoting,
/// LF or CRLF line endings, blank lines ignored (the convention of `Examples/`).
///
/// (A shared `CSVData` reader was planned for SmeltQuant; it had not landed when this was
/// written, so SmeltLearn keeps this small one.)
struct CSVTable: Sendable {
    let header: [String]
    /// Data rows with their 1-based line numbers in the file.
    let rows: [(line: Int, fields: [String])]

    init(text: String, path: String) throws {
        var header: [String]?
        var rows: [(Int, [String])] = []
        // "\r\n" is one Character in Swift, so split on both spellings of a line end.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (i, line) in lines.enumerated() {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if header == nil { header = fields } else { rows.append((i + 1, fields)) }
        }
        guard let header else { throw SmeltError("\(path): empty file, expected a header row") }
        self.header = header
        self.rows = rows
    }

    init(path: String) throws {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw SmeltError("\(path): cannot read file (\(error.localizedDescription))")
        }
        try self.init(text: text, path: path)
    }
}
