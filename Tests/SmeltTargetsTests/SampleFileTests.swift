import Foundation
import Testing
import SmeltIR
@testable import SmeltTargets

@Suite struct SampleFileTests {
    @Test func int8LittleEndian() throws {
        let data = try SampleFile.encode(samples: [[1, -2], [127, -128]], inputSize: 2, elementBytes: 1)
        #expect(Array(data) == [0x01, 0xfe, 0x7f, 0x80])
    }

    @Test func int16LittleEndian() throws {
        let data = try SampleFile.encode(samples: [[1000, -2]], inputSize: 2, elementBytes: 2)
        #expect(Array(data) == [0xe8, 0x03, 0xfe, 0xff])
    }

    @Test func rejectsWrongLengthAndRange() {
        #expect(throws: SmeltError("input sample 1: 1 values, the model takes 2")) {
            try SampleFile.encode(samples: [[1, 2], [3]], inputSize: 2, elementBytes: 1)
        }
        #expect(throws: SmeltError("input sample 0: value 128 outside -128...127")) {
            try SampleFile.encode(samples: [[128]], inputSize: 1, elementBytes: 1)
        }
    }

    @Test func runnerRowsKeepOnlyIntegerLines() {
        let r = RunResult(output: "3 -4\nsmelt-runner: note\n7 0\n\n", exitCode: 0)
        #expect(r.rows() == [[3, -4], [7, 0]])
    }
}
