import Testing
@testable import SmeltIR

@Suite("JSON parser and base64")
struct JSONParserTests {
    func parse(_ s: String) throws(JSONParseError) -> JSONValue { try JSONParser.parse(Array(s.utf8)) }

    @Test func valuesAndKeyOrder() throws {
        let v = try parse(#" { "b": [1, -2.5e3, true, null], "a": "x\"\u00e9\ud83d\ude00\n" } "#)
        guard case .object(let o) = v else { Issue.record("not an object"); return }
        #expect(o.keys == ["b", "a"])
        #expect(o["b"] == .array([.number("1"), .number("-2.5e3"), .bool(true), .null]))
        #expect(o["a"] == .string("x\"é😀\n"))
    }

    @Test(arguments: [
        ("{\"a\": 1, \"a\": 2}", "duplicate key \"a\"", 9),
        ("[01]", "invalid number (leading zero)", 3),
        ("[1,]", "unexpected character ']'", 3),
        ("{\"a\" 1}", "expected ':'", 5),
        ("[1] 2", "unexpected text after the end of the JSON value", 4),
        ("\"abc", "unexpected end of input", 4),
        ("[tru]", "invalid literal", 4),
    ])
    func errors(text: String, message: String, offset: Int) {
        do {
            _ = try parse(text)
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.message == message)
            #expect(error.offset == offset)
        }
    }

    @Test func printerRoundTripsStringsWithEscapes() throws {
        let s = "tab\tquote\" back\\ bell\u{7} é"
        let text = JSONPrinter.print(.string(s))
        #expect(String(decoding: text, as: UTF8.self) == "\"tab\\tquote\\\" back\\\\ bell\\u0007 é\"\n")
        #expect(try JSONParser.parse(text) == .string(s))
    }

    @Test(arguments: [
        ([UInt8](), ""), ([0x66], "Zg=="), ([0x66, 0x6F], "Zm8="), ([0x66, 0x6F, 0x6F], "Zm9v"),
        (Array("foobar".utf8), "Zm9vYmFy"), ([0xFF, 0xFE, 0xFD, 0x00], "//79AA=="),
    ])
    func base64RFC4648Vectors(bytes: [UInt8], text: String) {
        #expect(Base64.encode(bytes) == text)
        #expect(Base64.decode(text) == bytes)
    }

    @Test func base64RejectsBadInput() {
        #expect(Base64.decode("Zm9v!") == nil)
        #expect(Base64.decode("Z") == nil)
        #expect(Base64.decode("Zg=") == nil)
        #expect(Base64.decode("Zg") == [0x66])
    }

    @Test func floatsKeepTheirExactValue() throws {
        // 16777217 is not a float: decimal → Float rounds to even (16777216), as Float("16777217") does.
        let f = JSONFields(JSONObject([("e", .number("16777217")), ("g", .number("3.0517578e-05"))]), context: "")
        #expect(try f.optionalFloat("e") == 16_777_216)
        #expect(try f.optionalFloat("g") == Float(0x1p-15))
        #expect(JSONValue.float(Float(0x1p-15)) == .number("3.0517578e-05"))
        #expect(JSONValue.float(.nan) == .string("nan"))
    }
}
