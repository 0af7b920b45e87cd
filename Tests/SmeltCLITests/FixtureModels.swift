import Foundation

/// Small model files written by the tests (never committed): a Dense 2→3→1 network in Smelt's
/// JSON model format, with hooks to break it in one specific way.
///
/// Weights: fc1 `[[1, 0], [0, 1], [1, 1]]`, bias `[0, 0, -1]`, ReLU; fc2 `[[1, 2, 3]]`, bias `[0.5]`.
/// So `x = [1, 2]` → fc1 `[1, 2, 2]` → y = 1 + 4 + 6 + 0.5 = 11.5, and `x = [-1, 0.5]` →
/// fc1 pre-activation `[-1, 0.5, -1.5]` → ReLU `[0, 0.5, 0]` → y = 1 + 0.5 = 1.5.
struct FixtureModel {
    var inputShape = "[2]"
    var fc1Weight: [Float] = [1, 0, 0, 1, 1, 1]
    var fc1WeightShape = "[3, 2]"
    var fc2Op = "Dense"
    var fc2Weight: [Float] = [1, 2, 3]
    var fc2WeightShape = "[1, 3]"

    static func base64(_ values: [Float]) -> String {
        var bytes: [UInt8] = []
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        return Data(bytes).base64EncodedString()
    }

    var json: String {
        """
        {
          "format": "smelt-model",
          "version": 1,
          "name": "fixture",
          "metadata": {},
          "inputs": ["x"],
          "outputs": ["y"],
          "tensors": [
            {"name": "x", "shape": \(inputShape), "dtype": "float32"},
            {"name": "fc1.weight", "shape": \(fc1WeightShape), "dtype": "float32", "data": {"base64": "\(Self.base64(fc1Weight))"}},
            {"name": "fc1.bias", "shape": [3], "dtype": "float32", "data": {"base64": "\(Self.base64([0, 0, -1]))"}},
            {"name": "fc2.weight", "shape": \(fc2WeightShape), "dtype": "float32", "data": {"base64": "\(Self.base64(fc2Weight))"}},
            {"name": "fc2.bias", "shape": [1], "dtype": "float32", "data": {"base64": "\(Self.base64([0.5]))"}}
          ],
          "nodes": [
            {"name": "fc1", "op": "Dense", "inputs": ["x", "fc1.weight", "fc1.bias"], "output": "h", "attributes": {"activation": "relu"}},
            {"name": "fc2", "op": "\(fc2Op)", "inputs": ["h", "fc2.weight", "fc2.bias"], "output": "y", "attributes": {"activation": "none"}}
          ]
        }
        """
    }
}

/// Two Dense layers reading the same weight `[[1, 2], [3, 4]]` (a shared kernel), each with its
/// own bias: parameters per layer 4 + 2 = 6, distinct total 4 + 2 + 2 = 8 (not 6 + 6 = 12).
/// `x = [1, 1]` → fc1 `[3, 7]` → fc2 `[1·3 + 2·7, 3·3 + 4·7] + [1, 1]` = `[18, 38]`.
enum SharedFixture {
    static var json: String {
        let w = FixtureModel.base64([1, 2, 3, 4])
        return """
        {
          "format": "smelt-model", "version": 1, "name": "shared", "metadata": {},
          "inputs": ["x"], "outputs": ["y"],
          "tensors": [
            {"name": "x", "shape": [2], "dtype": "float32"},
            {"name": "w", "shape": [2, 2], "dtype": "float32", "data": {"base64": "\(w)"}},
            {"name": "b1", "shape": [2], "dtype": "float32", "data": {"base64": "\(FixtureModel.base64([0, 0]))"}},
            {"name": "b2", "shape": [2], "dtype": "float32", "data": {"base64": "\(FixtureModel.base64([1, 1]))"}}
          ],
          "nodes": [
            {"name": "fc1", "op": "Dense", "inputs": ["x", "w", "b1"], "output": "h", "attributes": {"activation": "none"}},
            {"name": "fc2", "op": "Dense", "inputs": ["h", "w", "b2"], "output": "y", "attributes": {"activation": "none"}}
          ]
        }
        """
    }
}
