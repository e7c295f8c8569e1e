package dev.zotuner.tuner.report;

import dev.zotuner.tuner.rundir.CurvatureRecord;
import dev.zotuner.tuner.rundir.EvalRecord;
import dev.zotuner.tuner.rundir.MetricsLog;
import dev.zotuner.tuner.rundir.StepRecord;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;

/**
 * The report's five figures, each overlaying every run in its own colour. A figure with nothing
 * to draw (no dev evaluations, no curvature, no λmax) is empty. The y axis of loss, trace and λmax
 * is logarithmic when every plotted value is positive and they span at least
 * {@link #LOG_SPAN} (a narrower range would get no decade tick labels); non-finite points are
 * skipped. The legend names each run once; dashed reference lines are explained in the title.
 */
final class ReportCharts {

    /** The max/min ratio from which a positive y axis is drawn logarithmic: two decades. */
    static final double LOG_SPAN = 100.0;

    private ReportCharts() {
    }

    /** Train loss: per-step (L+ + L−)/2, thin and translucent, with its EMA as the thick line. */
    static Optional<XYChart> trainLoss(List<Run> runs, List<String> labels) {
        List<Curve> raw = new ArrayList<>();
        List<Curve> smooth = new ArrayList<>();
        for (Run run : runs) {
            List<StepRecord> steps = run.metrics().steps();
            double[] x = steps.stream().mapToDouble(StepRecord::step).toArray();
            double[] y = steps.stream().mapToDouble(StepRecord::meanLoss).toArray();
            raw.add(Curve.finite(x, y));
            smooth.add(Curve.finite(x, Ema.smooth(y, Ema.alphaFor(y.length))));
        }
        boolean log = logScale(raw);
        XYChart chart = ChartStyle.newChart("Train loss (L+ + L−)/2 per step; thick: EMA",
                log ? "loss (log scale)" : "loss");
        chart.getStyler().setYAxisLogarithmic(log);
        for (int i = 0; i < runs.size(); i++) {
            if (raw.get(i).isEmpty()) {
                continue;
            }
            ChartStyle.line(chart, labels.get(i) + " per step", raw.get(i),
                    ChartStyle.translucent(ChartStyle.colour(i), 70), 1f, false);
            ChartStyle.line(chart, labels.get(i), smooth.get(i), ChartStyle.colour(i), 2.4f, true);
        }
        return nonEmpty(chart);
    }

    /** Dev accuracy (%) at each evaluation. */
    static Optional<XYChart> devAccuracy(List<Run> runs, List<String> labels) {
        XYChart chart = ChartStyle.newChart("Dev accuracy", "dev accuracy (%)");
        for (int i = 0; i < runs.size(); i++) {
            List<EvalRecord> dev = run(runs, i).devEvals();
            Curve c = Curve.finite(dev.stream().mapToDouble(EvalRecord::step).toArray(),
                    dev.stream().mapToDouble(e -> 100.0 * e.accuracy()).toArray());
            if (!c.isEmpty()) {
                ChartStyle.withMarkers(chart, labels.get(i), c, ChartStyle.colour(i));
            }
        }
        return nonEmpty(chart);
    }

    /**
     * Hutchinson Tr H with its 95 % confidence band against the stability threshold (dashed). On a
     * log axis, band ends at or below zero are drawn at the axis floor.
     */
    static Optional<XYChart> trace(List<Run> runs, List<String> labels) {
        List<Curve> traces = new ArrayList<>();
        List<Curve> thresholds = new ArrayList<>();
        for (Run run : runs) {
            traces.add(series(run, CurvatureRecord::trace));
            thresholds.add(series(run, CurvatureRecord::threshold));
        }
        boolean log = logScale(concat(traces, thresholds));
        double floor = 0.5 * Math.min(minY(traces), minY(thresholds));
        XYChart chart = ChartStyle.newChart("Tr H (Hutchinson, solid; 95 % CI band) vs "
                + "stability threshold (dashed)", log ? "Tr H (log scale)" : "Tr H");
        chart.getStyler().setYAxisLogarithmic(log);
        for (int i = 0; i < runs.size(); i++) {
            List<CurvatureRecord> rs = run(runs, i).curvature().stream()
                    .filter(r -> Double.isFinite(r.trace()) && Double.isFinite(r.ciLow())
                            && Double.isFinite(r.ciHigh()))
                    .toList();
            if (!rs.isEmpty()) {
                double[] x = rs.stream().mapToDouble(CurvatureRecord::step).toArray();
                double[] low = rs.stream().mapToDouble(r -> log ? Math.max(r.ciLow(), floor)
                        : r.ciLow()).toArray();
                double[] high = rs.stream().mapToDouble(r -> log ? Math.max(r.ciHigh(), floor)
                        : r.ciHigh()).toArray();
                ChartStyle.band(chart, labels.get(i) + " 95% CI", new Curve(x, low),
                        new Curve(x, high), ChartStyle.colour(i));
            }
            if (!traces.get(i).isEmpty()) {
                ChartStyle.line(chart, labels.get(i), traces.get(i), ChartStyle.colour(i), 2f,
                        true);
            }
            if (!thresholds.get(i).isEmpty()) {
                ChartStyle.dashed(chart, labels.get(i) + " threshold", thresholds.get(i),
                        ChartStyle.colour(i));
            }
        }
        return nonEmpty(chart);
    }

    /**
     * Tr H in units of each run's own stability threshold (Tr H·η/2 for ZO-GD), with its 95 % band
     * and the edge at 1 (dashed): runs with different η or optimizers share one scale.
     */
    static Optional<XYChart> stabilityRatio(List<Run> runs, List<String> labels) {
        XYChart chart = ChartStyle.newChart("Tr H / stability threshold (1 = edge of stability, dashed)",
                "Tr H / threshold");
        double first = Double.NaN;
        double last = Double.NaN;
        for (int i = 0; i < runs.size(); i++) {
            List<CurvatureRecord> rs = run(runs, i).curvature().stream()
                    .filter(r -> Double.isFinite(r.trace()) && r.threshold() > 0 && Double.isFinite(r.ciLow())
                            && Double.isFinite(r.ciHigh()))
                    .toList();
            if (rs.isEmpty()) {
                continue;
            }
            double[] x = rs.stream().mapToDouble(CurvatureRecord::step).toArray();
            ChartStyle.band(chart, labels.get(i) + " 95% CI",
                    new Curve(x, rs.stream().mapToDouble(r -> r.ciLow() / r.threshold()).toArray()),
                    new Curve(x, rs.stream().mapToDouble(r -> r.ciHigh() / r.threshold()).toArray()),
                    ChartStyle.colour(i));
            ChartStyle.line(chart, labels.get(i),
                    new Curve(x, rs.stream().mapToDouble(r -> r.trace() / r.threshold()).toArray()),
                    ChartStyle.colour(i), 2f, true);
            first = Double.isNaN(first) ? x[0] : Math.min(first, x[0]);
            last = Double.isNaN(last) ? x[x.length - 1] : Math.max(last, x[x.length - 1]);
        }
        if (Double.isNaN(first)) {
            return Optional.empty();
        }
        ChartStyle.dashed(chart, "edge", new Curve(new double[] {first, last}, new double[] {1, 1}),
                Color.GRAY);
        return nonEmpty(chart);
    }

    /** The λmax lower bound with the classical 2/η edge (dashed); empty when none was recorded. */
    static Optional<XYChart> lambdaMax(List<Run> runs, List<String> labels) {
        List<Curve> lambdas = new ArrayList<>();
        List<Curve> edges = new ArrayList<>();
        for (Run run : runs) {
            Curve l = series(run, CurvatureRecord::lambdaMax);
            lambdas.add(l);
            edges.add(l.isEmpty() ? l : series(run, r -> 2.0 / r.lr()));
        }
        boolean log = logScale(concat(lambdas, edges));
        XYChart chart = ChartStyle.newChart("λmax estimate (a lower bound, solid) vs 2/η (dashed)",
                log ? "λmax lower bound (log scale)" : "λmax lower bound");
        chart.getStyler().setYAxisLogarithmic(log);
        for (int i = 0; i < runs.size(); i++) {
            if (lambdas.get(i).isEmpty()) {
                continue;
            }
            ChartStyle.withMarkers(chart, labels.get(i), lambdas.get(i), ChartStyle.colour(i));
            if (!edges.get(i).isEmpty()) {
                ChartStyle.dashed(chart, labels.get(i) + " 2/η", edges.get(i),
                        ChartStyle.colour(i));
            }
        }
        return nonEmpty(chart);
    }

    private static MetricsLog run(List<Run> runs, int i) {
        return runs.get(i).metrics();
    }

    private static Curve series(Run run, ToDoubleFunction<CurvatureRecord> y) {
        List<CurvatureRecord> c = run.metrics().curvature();
        return Curve.finite(c.stream().mapToDouble(CurvatureRecord::step).toArray(),
                c.stream().mapToDouble(y).toArray());
    }

    /** True when every point is positive and max/min ≥ {@link #LOG_SPAN}. */
    static boolean logScale(List<Curve> curves) {
        if (!curves.stream().allMatch(Curve::allPositive)) {
            return false;
        }
        double min = minY(curves);
        double max = curves.stream().filter(c -> !c.isEmpty()).mapToDouble(Curve::maxY).max()
                .orElse(Double.NaN);
        return max / min >= LOG_SPAN;
    }

    private static List<Curve> concat(List<Curve> a, List<Curve> b) {
        List<Curve> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static double minY(List<Curve> curves) {
        return curves.stream().filter(c -> !c.isEmpty()).mapToDouble(Curve::minY).min()
                .orElse(Double.NaN);
    }

    private static Optional<XYChart> nonEmpty(XYChart chart) {
        return chart.getSeriesMap().isEmpty() ? Optional.empty()
                : Optional.of(ChartStyle.finish(chart));
    }
}
