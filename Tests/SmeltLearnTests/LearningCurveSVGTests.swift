import Foundation
import Testing
@testable import SmeltLearn

@Suite("SVG plots")
struct LearningCurveSVGTests {
    @Test("nice ticks: 1, 2 or 5 × 10^k covering the data")
    func ticks() {
        let t = SVGPlot.ticks(0.13, 0.92)
        #expect(t.step == 0.2 && t.lo == 0 && abs(t.hi - 1) < 1e-12 && t.values.count == 6)
        let e = SVGPlot.ticks(1, 30)
        #expect(e.step == 10 && e.values == [0, 10, 20, 30])
        #expect(SVGPlot.label(0.4, step: 0.2) == "0.4" && SVGPlot.label(20, step: 10) == "20")
    }

    @Test("a learning curve has a loss chart and an accuracy chart with a legend entry per series")
    func learningCurve() {
        let train = [EpochStats(loss: 1.0, accuracy: 0.5, seconds: 1), EpochStats(loss: 0.5, accuracy: 0.8, seconds: 1)]
        let test = [EpochStats(loss: 1.2, accuracy: 0.4, seconds: 0), EpochStats(loss: 0.7, accuracy: 0.75, seconds: 0)]
        let svg = LearningCurveSVG.render(title: "digits", train: train, test: test)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"640\""))
        #expect(svg.hasSuffix("</svg>\n"))
        for label in ["digits — loss", "digits — accuracy", "train loss", "test loss", "train accuracy", "test accuracy", "epoch", "accuracy (%)"] {
            #expect(svg.contains(">\(label)</text>"))
        }
        // 2 axes + 4 series polylines; 8 data dots.
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 6)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 8)
        // Loss chart: y ticks 0.4…1.2 step 0.2 over a 244-pixel-high plot area from y 32:
        // loss 1.0 at epoch 1 (left edge x 64) → y = 32 + 244 − (1.0 − 0.4)/0.8·244 = 93.
        #expect(svg.contains("<circle cx=\"64\" cy=\"93\""))
    }

    @Test("regression curves (no accuracy) have the loss chart only")
    func regressionCurve() {
        let svg = LearningCurveSVG.render(title: "sine", train: [EpochStats(loss: 0.3, accuracy: nil, seconds: 1)])
        #expect(!svg.contains("accuracy"))
        #expect(svg.contains("height=\"320\""))
    }
}
