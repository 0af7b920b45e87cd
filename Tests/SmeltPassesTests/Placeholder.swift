import Testing

@Test func placeholder_SmeltPassesTests() { #expect(1 + 1 == 2) }
