import SmeltIR
import SmeltQuant

/// Labelled or regression samples read from a CSV file.
///
/// Parsed by SmeltQuant's `CSVData` (optional header row, comma-separated numbers). For
/// classification the label is the column named `label` in the header (or else the last column)
/// and must be an integer in `0 ..< classes`; for regression the targets are the last `outputs`
/// columns. Every other column is an input value, in order (a sample's tensor flattened
/// row-major, NHWC for images).
///
/// Errors name the file and line (and column, from `CSVData`): a row with the wrong number of
/// columns, a width that does not fit the model, a value that is not a number or is NaN/infinite,
/// a label that is not an integer or is out of range, a file without samples.
public struct TrainingData: Sendable {
    /// What the target columns hold.
    public enum Task: Sendable, Equatable {
        case classification(classes: Int)
        case regression(outputs: Int)
    }

    /// The rows, in file order.
    public var samples: [Sample]
    /// Header names of the input columns.
    public var inputNames: [String]

    /// Samples built in code.
    public init(samples: [Sample], inputNames: [String]) {
        self.samples = samples
        self.inputNames = inputNames
    }

    /// Reads `path`, expecting `inputCount` input columns plus the target column(s) of `task`.
    public static func load(path: String, inputCount: Int, task: Task) throws -> TrainingData {
        try TrainingData(csv: CSVData(path: path), path: path, inputCount: inputCount, task: task)
    }

    /// Parses CSV text (`path` is only used in error messages).
    public static func parse(_ text: String, path: String, inputCount: Int, task: Task) throws -> TrainingData {
        try TrainingData(csv: CSVData(text: text, source: path), path: path, inputCount: inputCount, task: task)
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

    init(csv: CSVData, path: String, inputCount: Int, task: Task) throws {
        let width = csv.columnCount
        let header = csv.header ?? (0..<width).map { "column \($0 + 1)" }
        let targetColumns: [Int]
        switch task {
        case .classification(let classes):
            guard classes > 0 else { throw SmeltError("\(path): a classification needs at least one class") }
            targetColumns = [header.firstIndex(of: "label") ?? width - 1]
        case .regression(let outputs):
            targetColumns = Array(max(0, width - outputs)..<width)
        }
        let expected = inputCount + targetColumns.count
        guard width == expected else {
            let what: String
            if case .regression(let n) = task { what = "\(n) target column(s)" } else { what = "a label column" }
            throw SmeltError("\(path): rows have \(width) columns; the model needs \(inputCount) inputs and \(what) (\(expected) columns)")
        }
        let inputColumns = (0..<width).filter { !targetColumns.contains($0) }
        var samples: [Sample] = []
        samples.reserveCapacity(csv.rows.count)
        for (row, line) in zip(csv.rows, csv.lineNumbers) {
            let input = inputColumns.map { row[$0] }
            switch task {
            case .classification(let classes):
                let v = row[targetColumns[0]]
                guard v == v.rounded(), abs(v) < 1e9 else {
                    throw SmeltError("\(path): line \(line): label \(v) is not an integer")
                }
                guard (0..<classes).contains(Int(v)) else {
                    throw SmeltError("\(path): line \(line): label \(Int(v)) is out of range 0...\(classes - 1)")
                }
                samples.append(Sample(input: input, label: Int(v)))
            case .regression:
                samples.append(Sample(input: input, values: targetColumns.map { row[$0] }))
            }
        }
        self.init(samples: samples, inputNames: inputColumns.map { header[$0] })
    }
}
