/// Counts executed instructions between Smelt's marker functions, one program counter at a time.
///
/// Fed with every executed PC (from QEMU's single-step exec trace). Counting rules:
/// - an inference is the instructions strictly between the entry of `smelt_bench_begin` and the
///   entry of `smelt_bench_end` (so it includes `begin`'s return and the call into the model);
/// - inside an inference, `smelt_layer_mark` entries pair up: mark 2k opens layer k, mark 2k+1
///   closes it; layer k is the instructions strictly between those two entries (so each layer
///   carries about 3 instructions of hook overhead: the opening mark's return and the closing
///   call's argument set-up and branch).
///
/// Example: PCs `B x y M a b c M z E` (B = begin, E = end, M = mark) give one inference of 8
/// instructions (`x y M a b c M z`) and one layer of 3 (`a b c`).
public struct InstructionTally: Sendable, Equatable {
    /// Entry address (Thumb bit cleared) of `smelt_bench_begin`.
    public var beginAddress: UInt32
    /// Entry address of `smelt_bench_end`.
    public var endAddress: UInt32
    /// Entry address of `smelt_layer_mark`, nil when the firmware has no layer hooks.
    public var markAddress: UInt32?

    /// Instructions of each completed inference, in order.
    public private(set) var perInference: [Int] = []
    /// For each completed inference, the instructions of each layer.
    public private(set) var perLayer: [[Int]] = []
    /// Every instruction seen, inside or outside inferences.
    public private(set) var total = 0

    private var inInference = false
    private var current = 0
    private var marks = 0
    private var layerStart = 0
    private var layers: [Int] = []

    public init(beginAddress: UInt32, endAddress: UInt32, markAddress: UInt32?) {
        self.beginAddress = beginAddress
        self.endAddress = endAddress
        self.markAddress = markAddress
    }

    /// Accounts for one executed instruction at `pc`.
    @inline(__always)
    public mutating func step(pc: UInt32) {
        total += 1
        if pc == beginAddress {
            inInference = true
            current = 0
            marks = 0
            layers = []
            return
        }
        guard inInference else { return }
        if pc == endAddress {
            perInference.append(current)
            perLayer.append(layers)
            inInference = false
            return
        }
        current += 1
        if pc == markAddress {
            if marks % 2 == 0 {
                layerStart = current
            } else {
                layers.append(current - 1 - layerStart)
            }
            marks += 1
        }
    }
}
