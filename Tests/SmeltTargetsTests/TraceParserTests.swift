import Foundation
import Testing
@testable import SmeltTargets

@Suite struct TraceParserTests {
    // Lines as QEMU 7.2 prints them under `-singlestep -d exec,nochain`.
    let log = """
        Trace 0: 0x7f4918000100 [00800400/00000108/00000510/ff000201] Reset_Handler
        Trace 0: 0x7f4918000280 [00800400/0000010a/00000510/ff000201] Reset_Handler
        qemu: fatal: Lockup: can't escalate 3 to HardFault (current priority -1)
        R00=2fffffe0 R01=00000002 R02=00000000 R03=30000000
        Trace 0: 0x7f4918000400 [00800400/2000abcd/00000510/ff000201]
        Trace 0: 0x7f49180005c0 [00800400/0000ffFe/00000510/ff000201] main
        """

    func parse(chunkSize: Int) -> [UInt32] {
        final class Sink: @unchecked Sendable { var pcs: [UInt32] = [] }
        let sink = Sink()
        let parser = TraceParser { sink.pcs.append($0) }
        let bytes = Array(log.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunkSize)
            bytes[start..<end].withUnsafeBytes { parser.feed($0) }
            start = end
        }
        parser.finish()
        return sink.pcs
    }

    @Test(arguments: [1, 7, 64, 100_000])
    func extractsProgramCountersAcrossChunkBoundaries(chunkSize: Int) {
        #expect(parse(chunkSize: chunkSize) == [0x108, 0x10a, 0x2000_abcd, 0xfffe])
    }
}
