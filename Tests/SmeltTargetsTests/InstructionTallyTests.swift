import Testing
@testable import SmeltTargets

@Suite struct InstructionTallyTests {
    // begin = 0x100, end = 0x200, mark = 0x300; other addresses are ordinary instructions.
    func tally(_ pcs: [UInt32], mark: UInt32? = 0x300) -> InstructionTally {
        var t = InstructionTally(beginAddress: 0x100, endAddress: 0x200, markAddress: mark)
        for pc in pcs { t.step(pc: pc) }
        return t
    }

    @Test func countsStrictlyBetweenMarkers() {
        // B x y M a b c M z E  → inference 8, layer 3.
        let t = tally([0x10, 0x100, 0x20, 0x22, 0x300, 0x30, 0x32, 0x34, 0x300, 0x40, 0x200, 0x50])
        #expect(t.perInference == [8])
        #expect(t.perLayer == [[3]])
        #expect(t.total == 12)
    }

    @Test func separatesInferencesAndLayers() {
        let first: [UInt32] = [0x100, 0x300, 0x1, 0x300, 0x300, 0x1, 0x1, 0x300, 0x200]
        let second: [UInt32] = [0x100, 0x1, 0x300, 0x300, 0x300, 0x1, 0x1, 0x1, 0x1, 0x300, 0x200]
        let t = tally(first + [0x5, 0x5] + second)
        #expect(t.perInference == [7, 9])
        #expect(t.perLayer == [[1, 2], [0, 4]])
    }

    @Test func ignoresInstructionsOutsideInferencesAndAnUnclosedOne() {
        let t = tally([0x300, 0x1, 0x200, 0x1, 0x100, 0x1, 0x1])
        #expect(t.perInference.isEmpty)
        #expect(t.total == 7)
    }

    @Test func withoutLayerHooksCountsOnlyInferences() {
        let t = tally([0x100, 0x1, 0x300, 0x1, 0x200], mark: nil)
        #expect(t.perInference == [3])
        #expect(t.perLayer == [[]])
    }
}
