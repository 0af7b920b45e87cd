/// Reshape and Flatten: the row-major values are unchanged, only the shape differs, so both copy.
enum FloatReshape {
    static func run(_ x: [Float]) -> [Float] { x }
}
