import Testing

@Test func placeholder_SmeltCLITests() { #expect(1 + 1 == 2) }
