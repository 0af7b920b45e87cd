import Testing

@Test func placeholder_SmeltTargetsTests() { #expect(1 + 1 == 2) }
