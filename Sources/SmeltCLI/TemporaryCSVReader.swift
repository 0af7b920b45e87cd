// TEMPORARY: replaced by SmeltQuant.CSVData once the quant branch is merged.
import Foundation
import SmeltIR

struct TemporaryCSVReader {
    var header: [String]?
    var rows: [(line: Int, fields: [String])]

    init(text: String) {
        var lines: [(Int, [String])] = []
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let l = raw.trimmingCharacters(in: .whitespaces)
            if l.isEmpty { continue }
            lines.append((i + 1, l.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }))
        }
        if let first = lines.first, first.1.allSatisfy({ Float($0) == nil }) {
            header = first.1
            lines.removeFirst()
        }
        rows = lines.map { (line: $0.0, fields: $0.1) }
    }
}
