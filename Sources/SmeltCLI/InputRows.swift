import Foundation
import SmeltIR
import SmeltQuant

/// Input samples for `smelt run`, read from CSV or JSON and checked against the model's input width.
///
/// The format is recognised from the content: a file whose first non-blank character is `[` or `{`
/// is JSON — either an array of rows `[[0.1, 0.2], [0.3, 0.4]]` or `{"inputs": [[0.1, 0.2], ...]}` —
/// anything else is CSV (read by `CSVData`), one sample per line, with an optional header line (a
/// first line with no numeric field). Every row must have exactly `width` finite numbers.
public enum InputRows {
    /// Reads and validates the samples in `path` (`-` reads standard input).
    public static func load(path givenPath: String, width: Int) throws -> [[Float]] {
        let path = givenPath == "-" ? "<stdin>" : givenPath
        let data: Data
        if givenPath == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard FileManager.default.fileExists(atPath: path) else {
                throw SmeltError("\(path): input file not found")
            }
            guard let d = FileManager.default.contents(atPath: path) else {
                throw SmeltError("\(path): cannot read input file")
            }
            data = d
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SmeltError("\(path): input file is not UTF-8 text")
        }
        let first = text.first { !$0.isWhitespace }
        let rows = (first == "[" || first == "{")
            ? try parseJSON(data, path: path, width: width)
            : try parseCSV(text, path: path, width: width)
        guard !rows.isEmpty else { throw SmeltError("\(path): no input rows") }
        return rows
    }

    /// JSON rows: `[[...], ...]` or `{"inputs": [[...], ...]}`; rows are numbered from 1.
    static func parseJSON(_ data: Data, path: String, width: Int) throws -> [[Float]] {
        let list: [JSONCell]
        let decoder = JSONDecoder()
        if let rows = try? decoder.decode([JSONCell].self, from: data) {
            list = rows
        } else if let wrapped = try? decoder.decode([String: [JSONCell]].self, from: data), let rows = wrapped["inputs"] {
            list = rows
        } else if (try? JSONSerialization.jsonObject(with: data)) == nil {
            throw SmeltError("\(path): not valid JSON")
        } else {
            throw SmeltError("\(path): expected an array of rows or {\"inputs\": [[...], ...]}")
        }
        return try list.enumerated().map { k, item in
            let at = "\(path): row \(k + 1)"
            guard case .array(let row) = item else {
                throw SmeltError("\(at): expected an array of \(width) numbers, got \(item.text)")
            }
            guard row.count == width else {
                throw SmeltError("\(at) has \(row.count) values, the model input needs \(width)")
            }
            return try row.enumerated().map { j, cell in
                guard case .number(let v) = cell else {
                    throw SmeltError("\(at), column \(j + 1): \(cell.text) is not a number")
                }
                return try finite(Float(v), at: "\(at), column \(j + 1)")
            }
        }
    }

    /// CSV rows via `CSVData`: errors name the file's line and column
    /// (`in.csv: line 4 has 2 columns, expected 1`).
    static func parseCSV(_ text: String, path: String, width: Int) throws -> [[Float]] {
        try CSVData(text: text, source: path, expectedColumns: width).rows
    }

    private static func finite(_ v: Float, at: String) throws -> Float {
        guard v.isFinite else { throw SmeltError("\(at): value \(v) is not finite") }
        return v
    }
}

/// One JSON value of an input file, kept loose so errors can say what was found where.
enum JSONCell: Decodable {
    case number(Double), string(String), bool(Bool), null, array([JSONCell]), object

    init(from decoder: Decoder) throws {
        if var items = try? decoder.unkeyedContainer() {
            var out: [JSONCell] = []
            while !items.isAtEnd { out.append(try items.decode(JSONCell.self)) }
            self = .array(out)
            return
        }
        if (try? decoder.container(keyedBy: AnyKey.self)) != nil { self = .object; return }
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else { self = .string(try c.decode(String.self)) }
    }

    /// How the value reads in an error message.
    var text: String {
        switch self {
        case .number(let d): return "\(d)"
        case .string(let s): return "\"\(s)\""
        case .bool(let b): return "\(b)"
        case .null: return "null"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
