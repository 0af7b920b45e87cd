import Testing

@Test func placeholder_SmeltQuantTests() { #expect(1 + 1 == 2) }
