/// Options of `CEmitter.emit`.
public struct EmitOptions: Sendable, Equatable {
    /// Also produce one stb-style header holding the implementation behind
    /// `#ifdef SMELT_<NAME>_IMPLEMENTATION` (`GeneratedC.singleHeader`).
    public var singleHeader: Bool

    public init(singleHeader: Bool = false) {
        self.singleHeader = singleHeader
    }
}
