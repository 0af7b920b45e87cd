import Foundation

/// A line chart written as hand-made SVG: axes with "nice" ticks, axis labels, a title, one
/// polyline (with dots) per series, and a legend. Charts can be stacked into one document.
///
/// ```swift
/// var plot = SVGPlot(title: "Loss", xLabel: "epoch", yLabel: "loss")
/// plot.series.append(.init(name: "train", points: [(1, 0.9), (2, 0.4)]))
/// try plot.svg().write(toFile: "loss.svg", atomically: true, encoding: .utf8)
/// ```
public struct SVGPlot: Sendable {
    /// One line of the chart.
    public struct Series: Sendable {
        /// Legend text.
        public var name: String
        /// Data points in order; non-finite points are skipped.
        public var points: [(x: Double, y: Double)]
        /// Any SVG colour; `nil` picks from a fixed palette by position.
        public var color: String?
        /// Draw the line dashed (e.g. test curves).
        public var dashed: Bool

        /// A series from its parts.
        public init(name: String, points: [(x: Double, y: Double)], color: String? = nil, dashed: Bool = false) {
            self.name = name
            self.points = points
            self.color = color
            self.dashed = dashed
        }
    }

    /// Text above the chart.
    public var title: String
    /// Text under the x axis.
    public var xLabel: String
    /// Text beside the y axis.
    public var yLabel: String
    /// The lines, drawn in order.
    public var series: [Series] = []
    /// Fixed y range (e.g. 0...100 for a percentage); `nil` fits the data.
    public var yRange: ClosedRange<Double>?
    /// Chart size in SVG pixels (the plot area leaves room for axes and the legend).
    public var width = 640.0
    /// Chart height in SVG pixels.
    public var height = 320.0

    /// An empty chart.
    public init(title: String, xLabel: String, yLabel: String, yRange: ClosedRange<Double>? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.yRange = yRange
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"]

    /// A standalone SVG document with this chart.
    public func svg() -> String { Self.stack([self]) }

    /// One SVG document with the charts one below the other.
    public static func stack(_ plots: [SVGPlot]) -> String {
        let width = plots.map(\.width).max() ?? 0
        let height = plots.reduce(0) { $0 + $1.height }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        var y = 0.0
        for p in plots {
            out += "<g transform=\"translate(0,\(fmt(y)))\">\n" + p.body() + "</g>\n"
            y += p.height
        }
        return out + "</svg>\n"
    }

    /// The chart's elements, drawn in a `width × height` box at the origin.
    func body() -> String {
        let (left, right, top, bottom) = (64.0, 150.0, 32.0, 44.0)
        let plotW = width - left - right, plotH = height - top - bottom
        let all = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let xs = Self.ticks(all.map(\.x).min() ?? 0, all.map(\.x).max() ?? 1)
        let ys = yRange.map { Self.ticks($0.lowerBound, $0.upperBound) } ?? Self.ticks(all.map(\.y).min() ?? 0, all.map(\.y).max() ?? 1)
        func px(_ x: Double) -> Double { left + (x - xs.lo) / (xs.hi - xs.lo) * plotW }
        func py(_ y: Double) -> Double { top + plotH - (y - ys.lo) / (ys.hi - ys.lo) * plotH }
        var s = "<text x=\"\(fmt(left + plotW / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">\(Self.escape(title))</text>\n"
        for t in ys.values {
            s += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(py(t)))\" x2=\"\(fmt(left + plotW))\" y2=\"\(fmt(py(t)))\" stroke=\"#e0e0e0\"/>\n"
            s += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(py(t) + 4))\" text-anchor=\"end\">\(Self.label(t, step: ys.step))</text>\n"
        }
        for t in xs.values {
            s += "<line x1=\"\(fmt(px(t)))\" y1=\"\(fmt(top + plotH))\" x2=\"\(fmt(px(t)))\" y2=\"\(fmt(top + plotH + 5))\" stroke=\"black\"/>\n"
            s += "<text x=\"\(fmt(px(t)))\" y=\"\(fmt(top + plotH + 18))\" text-anchor=\"middle\">\(Self.label(t, step: xs.step))</text>\n"
        }
        s += "<polyline points=\"\(fmt(left)),\(fmt(top)) \(fmt(left)),\(fmt(top + plotH)) \(fmt(left + plotW)),\(fmt(top + plotH))\" fill=\"none\" stroke=\"black\"/>\n"
        s += "<text x=\"\(fmt(left + plotW / 2))\" y=\"\(fmt(height - 6))\" text-anchor=\"middle\">\(Self.escape(xLabel))</text>\n"
        s += "<text x=\"16\" y=\"\(fmt(top + plotH / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(fmt(top + plotH / 2)))\">\(Self.escape(yLabel))</text>\n"
        for (k, line) in series.enumerated() {
            let color = line.color ?? Self.palette[k % Self.palette.count]
            let pts = line.points.filter { $0.x.isFinite && $0.y.isFinite }
            let dash = line.dashed ? " stroke-dasharray=\"6 4\"" : ""
            s += "<polyline points=\"\(pts.map { "\(fmt(px($0.x))),\(fmt(py($0.y)))" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>\n"
            if pts.count <= 60 {
                for p in pts { s += "<circle cx=\"\(fmt(px(p.x)))\" cy=\"\(fmt(py(p.y)))\" r=\"2.5\" fill=\"\(color)\"/>\n" }
            }
            let ly = top + 10 + Double(k) * 18
            s += "<line x1=\"\(fmt(left + plotW + 12))\" y1=\"\(fmt(ly))\" x2=\"\(fmt(left + plotW + 36))\" y2=\"\(fmt(ly))\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>\n"
            s += "<text x=\"\(fmt(left + plotW + 42))\" y=\"\(fmt(ly + 4))\">\(Self.escape(line.name))</text>\n"
        }
        return s
    }

    /// Tick values covering [lo, hi] with a step of 1, 2 or 5 × 10^k, about 5 ticks.
    /// Example: 0.13…0.92 → step 0.2, ticks 0, 0.2, …, 1.
    static func ticks(_ lo: Double, _ hi: Double) -> (lo: Double, hi: Double, step: Double, values: [Double]) {
        var (a, b) = (lo, hi)
        if b - a < 1e-12 { a -= 0.5; b += 0.5 }
        let raw = (b - a) / 5
        let mag = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? 10 * mag
        let first = floor(a / step) * step, last = ceil(b / step) * step
        let n = Int(((last - first) / step).rounded())
        return (first, last, step, (0...n).map { first + Double($0) * step })
    }

    /// A tick label with as many decimals as the step needs.
    static func label(_ v: Double, step: Double) -> String {
        let decimals = max(0, -Int(floor(log10(step) + 1e-9)))
        return String(format: "%.\(decimals)f", abs(v) < step / 1e6 ? 0 : v)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// A coordinate with at most two decimals.
func fmt(_ v: Double) -> String {
    let r = (v * 100).rounded() / 100
    return r == r.rounded() ? String(Int(r)) : String(format: "%.2f", r)
}
