import Foundation
import SmeltIR

/// The runner's input file (`smelt_input.bin`): samples back to back, little endian, no header.
///
/// Each element takes `elementBytes` bytes (1 for `int8_t`, 2 for `int16_t`). Example:
/// samples `[[1, -2], [127, -128]]` as int8 give the bytes `01 fe 7f 80`.
public enum SampleFile {
    /// Encodes `samples`, each of `inputSize` elements; values must fit the element type.
    public static func encode(samples: [[Int32]], inputSize: Int, elementBytes: Int) throws -> Data {
        guard elementBytes == 1 || elementBytes == 2 else {
            throw SmeltError("input samples: element size \(elementBytes) bytes, expected 1 (int8) or 2 (int16)")
        }
        let range: ClosedRange<Int32> = elementBytes == 1 ? -128...127 : -32768...32767
        var data = Data(capacity: samples.count * inputSize * elementBytes)
        for (index, sample) in samples.enumerated() {
            guard sample.count == inputSize else {
                throw SmeltError("input sample \(index): \(sample.count) values, the model takes \(inputSize)")
            }
            for value in sample {
                guard range.contains(value) else {
                    throw SmeltError("input sample \(index): value \(value) outside \(range.lowerBound)...\(range.upperBound)")
                }
                let bits = UInt16(bitPattern: Int16(value))
                data.append(UInt8(bits & 0xFF))
                if elementBytes == 2 { data.append(UInt8(bits >> 8)) }
            }
        }
        return data
    }
}
