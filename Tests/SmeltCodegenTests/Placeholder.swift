import Testing

@Test func placeholder_SmeltCodegenTests() { #expect(1 + 1 == 2) }
