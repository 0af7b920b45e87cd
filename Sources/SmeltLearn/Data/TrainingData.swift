import SmeltIR

/// Labelled or regression samples read from a CSV file.
///
/// Layout: one header row, then one sample per row. For classification the label is the column
/// named `label` (or, if there is none, the last column) and must be an integer in
/// `0 ..< classes`; for regression the targets are the last `outputs` columns. Every other column
/// is an input value, in order (a sample's tensor flattened row-major, NHWC for images).
///
/// Errors name the file, line and column: a row with the wrong number of fields, a header whose
/// width does not fit the model, a value that is not a number or is NaN/infinite, a label that is
/// not an integer or is out of range, a file without samples.
public struct TrainingData: Sendable {
    /// What the target columns hold.
    public enum Task: Sendable, Equatable {
        case classification(classes: Int)
        case regression(outputs: Int)
    }

    public var samples: [Sample]
    /// Header names of the input columns.
    public var inputNames: [String]

    public init(samples: [Sample], inputNames: [String]) {
        self.samples = samples
        self.inputNames = inputNames
    }

    /// Reads `path`, expecting `inputCount` input columns plus the target column(s) of `task`.
    public static func load(path: String, inputCount: Int, task: Task) throws -> TrainingData {
        try TrainingData(table: CSVTable(path: path), path: path, inputCount: inputCount, task: task)
    }

    /// Parses CSV text (`path` is only used in error messages).
    public static func parse(_ text: String, path: String, inputCount: Int, task: Task) throws -> TrainingData {
        try TrainingData(table: CSVTable(text: text, path: path), path: path, inputCount: inputCount, task: task)
    }

    /// Reads `path` for training `graph` with `loss`: the input count is the graph input's element
    /// count; softmax cross-entropy reads a label per row with `classes` = the output's element
    /// count, mean-squared error reads that many target columns.
    public static func load(path: String, for graph: Graph, loss: Loss) throws -> TrainingData {
        let (inputs, outputs) = try Self.sizes(of: graph)
        return try load(path: path, inputCount: inputs,
                        task: loss == .softmaxCrossEntropy ? .classification(classes: outputs) : .regression(outputs: outputs))
    }

    static func sizes(of graph: Graph) throws -> (inputs: Int, outputs: Int) {
        let g = try graph.verified()
        guard g.inputs.count == 1, g.outputs.count == 1 else {
            throw SmeltError("graph \"\(g.name)\" has \(g.inputs.count) inputs and \(g.outputs.count) outputs; training needs exactly one of each")
        }
        return (try g.requireTensor(g.inputs[0]).elementCount, try g.requireTensor(g.outputs[0]).elementCount)
    }

    init(table: CSVTable, path: String, inputCount: Int, task: Task) throws {
        let header = table.header
        let targetColumns: [Int]
        switch task {
        case .classification(let classes):
            guard classes > 0 else { throw SmeltError("\(path): a classification needs at least one class") }
            targetColumns = [header.firstIndex(of: "label") ?? header.count - 1]
        case .regression(let outputs):
            targetColumns = Array(max(0, header.count - outputs)..<header.count)
        }
        let expected = inputCount + targetColumns.count
        guard header.count == expected else {
            let what: String
            if case .regression(let n) = task { what = "\(n) target column(s)" } else { what = "a label column" }
            throw SmeltError("\(path): header has \(header.count) columns; the model needs \(inputCount) inputs and \(what) (\(expected) columns)")
        }
        let inputColumns = header.indices.filter { !targetColumns.contains($0) }
        var samples: [Sample] = []
        samples.reserveCapacity(table.rows.count)
        for (line, fields) in table.rows {
            guard fields.count == header.count else {
                throw SmeltError("\(path):\(line): \(fields.count) fields, the header has \(header.count)")
            }
            func number(_ c: Int) throws -> Float {
                guard let v = Float(fields[c]) else {
                    throw SmeltError("\(path):\(line): column \"\(header[c])\": \"\(fields[c])\" is not a number")
                }
                guard v.isFinite else { throw SmeltError("\(path):\(line): column \"\(header[c])\" is \(fields[c])") }
                return v
            }
            let input = try inputColumns.map(number)
            switch task {
            case .classification(let classes):
                let c = targetColumns[0]
                guard let k = Int(fields[c]) else {
                    throw SmeltError("\(path):\(line): label \"\(fields[c])\" is not an integer")
                }
                guard (0..<classes).contains(k) else {
                    throw SmeltError("\(path):\(line): label \(k) is out of range 0...\(classes - 1)")
                }
                samples.append(Sample(input: input, label: k))
            case .regression:
                samples.append(Sample(input: input, values: try targetColumns.map(number)))
            }
        }
        guard !samples.isEmpty else { throw SmeltError("\(path): no samples after the header") }
        self.init(samples: samples, inputNames: inputColumns.map { header[$0] })
    }
}
