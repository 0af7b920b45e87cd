import Testing
import Foundation
@testable import SmeltCLI

@Suite struct FormattingTests {
    @Test(arguments: [
        (Float(1), "1"), (Float(-0.0), "-0"), (Float(0.5), "0.5"), (Float(0.1), "0.1"),
        (Float(1e-5), "1e-05"), (Float(sin(1.0)), "0.84147096"), (Float(-123.25), "-123.25"),
    ])
    func shortestFloat(x: Float, text: String) {
        #expect(NumberFormat.shortest(x) == text)
        #expect(Float(text) == x)
    }

    @Test func groupedCounts() {
        #expect(NumberFormat.grouped(0) == "0")
        #expect(NumberFormat.grouped(321) == "321")
        #expect(NumberFormat.grouped(1000) == "1,000")
        #expect(NumberFormat.grouped(300410) == "300,410")
        #expect(NumberFormat.grouped(-1234567) == "-1,234,567")
    }

    @Test func tableAlignsColumns() {
        var t = TextTable(headers: ["node", "params"], alignments: [.left, .right])
        t.add(["fc1", "32"])
        t.add(["output", "17"])
        t.addFooter(["total", "1,049"])
        #expect(t.render() == """
            node    params
            ------  ------
            fc1         32
            output      17
            ------  ------
            total    1,049

            """)
    }
}
