import Testing

@Test func placeholder_SmeltIRTests() { #expect(1 + 1 == 2) }
