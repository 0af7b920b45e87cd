import Testing

@Test func placeholder_SmeltEmulatorTests() { #expect(1 + 1 == 2) }
