/// Affine quantization of a tensor: `real = scale × (q − zeroPoint)`.
///
/// Per-tensor parameters hold one scale and one zero point. Per-channel parameters hold one
/// of each per slice along `axis` (e.g. axis 0 = output channel of a Conv2D weight `[O, kH, kW, I]`).
///
/// Worked example: int8 with scale 0.05 and zero point −10 maps q = 30 to 0.05 × (30 + 10) = 2.0.
public struct QuantParams: Sendable, Hashable, Codable {
    /// One scale for the whole tensor, or one per channel along `axis`.
    public var scales: [Float]
    /// Zero points, same count as `scales`.
    public var zeroPoints: [Int32]
    /// Channel axis for per-channel parameters; `nil` for per-tensor.
    public var axis: Int?
    /// For power-of-two (Qm.n) quantization: the number of fractional bits, so that
    /// `scale == 2^-fractionalBits`. `nil` for general affine quantization.
    public var fractionalBits: Int?

    public init(scales: [Float], zeroPoints: [Int32], axis: Int? = nil, fractionalBits: Int? = nil) {
        self.scales = scales
        self.zeroPoints = zeroPoints
        self.axis = axis
        self.fractionalBits = fractionalBits
    }

    /// Per-tensor parameters.
    public init(scale: Float, zeroPoint: Int32 = 0) {
        self.init(scales: [scale], zeroPoints: [zeroPoint])
    }

    /// Whether there is one scale per channel.
    public var isPerChannel: Bool { axis != nil }

    /// The scale that applies to channel `c` (the single scale when per-tensor).
    public func scale(channel c: Int) -> Float { scales.count == 1 ? scales[0] : scales[c] }

    /// The zero point that applies to channel `c`.
    public func zeroPoint(channel c: Int) -> Int32 { zeroPoints.count == 1 ? zeroPoints[0] : zeroPoints[c] }
}
