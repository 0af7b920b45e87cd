import Foundation
import Testing
import SmeltIR
@testable import SmeltTargets

/// Parsing of tool output that does not need the tools: nm symbols and linker overflow lines.
@Suite struct DiagnosticsParsingTests {
    @Test func markerAddressesDropTheThumbBit() throws {
        let nm = """
            000001c5 T smelt_bench_begin
            000001c9 T smelt_bench_end
            000001cd T smelt_layer_mark
            20000000 B smelt_input
                     U memcpy
            """
        let m = try MarkerSymbols.parse(nm, path: "fw.elf")
        #expect(m == MarkerSymbols(begin: 0x1c4, end: 0x1c8, layerMark: 0x1cc))
        #expect(throws: SmeltError("fw.elf: no smelt_bench_begin / smelt_bench_end symbols (not built with the Smelt runner?)")) {
            try MarkerSymbols.parse("000001c5 T main\n", path: "fw.elf")
        }
    }

    @Test func linkerOverflowBecomesOneLineWithTheBytes() throws {
        let stderr = """
            /usr/lib/gcc/arm-none-eabi/12.2.1/../../../arm-none-eabi/bin/ld: big.elf section `.text' will not fit in region `FLASH'
            /usr/lib/gcc/arm-none-eabi/12.2.1/../../../arm-none-eabi/bin/ld: region `FLASH' overflowed by 40312 bytes
            /usr/lib/gcc/arm-none-eabi/12.2.1/../../../arm-none-eabi/bin/ld: region `RAM' overflowed by 3740 bytes
            collect2: error: ld returned 1 exit status
            """
        let error = FirmwareBuilder.describeFailure(stderr, board: try Board.load("cortex-m0"), output: URL(fileURLWithPath: "/tmp/big.elf"))
        #expect(error == SmeltError("big.elf: does not fit cortex-m0: region FLASH overflowed by 40312 bytes; region RAM overflowed by 3740 bytes"))
    }

    @Test func compileErrorKeepsTheFirstErrorLine() throws {
        let stderr = "model.c: In function 'f':\nmodel.c:3:5: error: 'x' undeclared\n"
        let error = FirmwareBuilder.describeFailure(stderr, board: try Board.load("cortex-m4"), output: URL(fileURLWithPath: "/tmp/m.elf"))
        #expect(error == SmeltError("m.elf: arm-none-eabi-gcc failed for cortex-m4: model.c:3:5: error: 'x' undeclared"))
    }
}
