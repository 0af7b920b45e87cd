import Testing
import Foundation
import SmeltIR
import SmeltQuant

@Suite("CSVData")
struct CSVDataTests {
    @Test("header row, blank lines, whitespace and CRLF")
    func parses() throws {
        let csv = try CSVData(text: "a, b ,label\r\n1,2.5,0\r\n\r\n-3, 4e-1 ,1\n", source: "d.csv")
        #expect(csv.header == ["a", "b", "label"])
        #expect(csv.rows == [[1, 2.5, 0], [-3, 0.4, 1]])
        #expect(csv.lineNumbers == [2, 4])
        let (features, labels) = try csv.splittingLabelColumn(.last)
        #expect(features.rows == [[1, 2.5], [-3, 0.4]] && features.header == ["a", "b"] && labels == [0, 1])
        #expect(try csv.splittingLabelColumn(.first).labels == [1, -3])
    }

    @Test("wrong column count names the line")
    func wrongWidth() {
        #expect(throws: SmeltError("d.csv: line 3 has 2 columns, expected 3")) {
            try CSVData(text: "1,2,3\n4,5,6\n7,8\n", source: "d.csv")
        }
        #expect(throws: SmeltError("d.csv: line 1 has 3 columns, expected 4")) {
            try CSVData(text: "1,2,3\n", source: "d.csv", expectedColumns: 4)
        }
    }

    @Test("non-numeric cell names line and column")
    func nonNumeric() {
        #expect(throws: SmeltError("d.csv: line 2, column 2: \"abc\" is not a number")) {
            try CSVData(text: "1,2\n3,abc\n", source: "d.csv")
        }
        #expect(throws: SmeltError("d.csv: line 1, column 3: \"\" is not a number")) {
            try CSVData(text: "1,2,\n", source: "d.csv")
        }
    }

    @Test("NaN and Inf are rejected")
    func nonFinite() {
        #expect(throws: SmeltError("d.csv: line 1, column 2: nan is not finite")) { try CSVData(text: "1,nan\n", source: "d.csv") }
        #expect(throws: SmeltError("d.csv: line 2, column 1: inf is not finite")) { try CSVData(text: "1,2\ninf,3\n", source: "d.csv") }
    }

    @Test("empty input and header-only input")
    func empty() {
        #expect(throws: SmeltError("d.csv: no data rows")) { try CSVData(text: "\n\n", source: "d.csv") }
        #expect(throws: SmeltError("d.csv: no data rows")) { try CSVData(text: "x,y\n", source: "d.csv") }
    }

    @Test("reads a file; a missing file is one error line")
    func file() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("smelt-csv-\(UInt32.random(in: 0...UInt32.max)).csv").path
        try "0.5,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try CSVData(path: path).rows == [[0.5, 1]])
        #expect(throws: SmeltError("/nonexistent/x.csv: cannot read file")) { try CSVData(path: "/nonexistent/x.csv") }
        #expect(throws: SmeltError("\(path): rows have 2 values, model input needs 3")) { try CSVData(path: path).requireWidth(3, for: "model input") }
    }

    @Test("label column out of range")
    func badLabel() throws {
        let csv = try CSVData(text: "1,2\n", source: "d.csv")
        #expect(throws: SmeltError("d.csv: label column 5 does not exist in 2 columns with at least one feature")) {
            try csv.splittingLabelColumn(.index(4))
        }
    }
}
