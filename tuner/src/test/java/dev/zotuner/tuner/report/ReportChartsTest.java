package dev.zotuner.tuner.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tuner.rundir.CurvatureRecord;
import dev.zotuner.tuner.rundir.EvalRecord;
import dev.zotuner.tuner.rundir.MetricsLog;
import dev.zotuner.tuner.rundir.RunConfig;
import dev.zotuner.tuner.rundir.RunSummary;
import dev.zotuner.tuner.rundir.StepRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class ReportChartsTest {

    private static Run run(List<StepRecord> steps, List<EvalRecord> evals,
                           List<CurvatureRecord> curvature) {
        return new Run(Path.of("r"), RunConfig.empty(), new MetricsLog(steps, evals, curvature),
                RunSummary.empty());
    }

    private static StepRecord step(long t, double loss) {
        return new StepRecord(t, loss, loss, 0, 1e-4, t, Double.NaN, Double.NaN, Double.NaN);
    }

    private static CurvatureRecord curv(long t, double trace, double low, double lambdaMax) {
        return new CurvatureRecord(t, trace, 1, low, trace + 10, 4, Double.NaN, lambdaMax, 1e-4,
                2e4, 0.1);
    }

    private static List<String> legend(XYChart chart) {
        return chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend)
                .map(XYSeries::getName).collect(Collectors.toList());
    }

    @Test
    void lossOverlaysRunsSkipsNaNAndStaysLinearOverANarrowRange() {
        Run a = run(List.of(step(1, 0.7), step(2, Double.NaN), step(3, 0.5)), List.of(), List.of());
        Run b = run(List.of(step(1, 0.6), step(2, 0.4)), List.of(), List.of());
        XYChart chart = ReportCharts.trainLoss(List.of(a, b), List.of("A", "B")).orElseThrow();
        assertEquals(List.of("A", "B"), legend(chart));
        assertArrayEquals(new double[] {1, 3}, chart.getSeriesMap().get("A per step").getXData());
        assertFalse(chart.getSeriesMap().get("A per step").isShowInLegend());
        assertFalse(chart.getStyler().isYAxisLogarithmic());
        assertEquals(ChartStyle.colour(1), chart.getSeriesMap().get("B").getLineColor());
    }

    @Test
    void lossSpanningDecadesIsLogScale() {
        List<StepRecord> steps = new ArrayList<>();
        for (int t = 1; t <= 50; t++) {
            steps.add(step(t, Math.pow(10, -t / 10.0)));
        }
        XYChart chart = ReportCharts.trainLoss(List.of(run(steps, List.of(), List.of())),
                List.of("A")).orElseThrow();
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        assertTrue(chart.getYAxisTitle().contains("log"));
    }

    @Test
    void devAccuracyInPercentAndEmptyWithoutDevEvals() {
        Run a = run(List.of(), List.of(new EvalRecord(10, "dev", 0.5, 0, 0),
                new EvalRecord(20, "test", 0.9, 0, 0), new EvalRecord(30, "dev", 0.75, 0, 0)),
                List.of());
        XYChart chart = ReportCharts.devAccuracy(List.of(a), List.of("A")).orElseThrow();
        assertArrayEquals(new double[] {10, 30}, chart.getSeriesMap().get("A").getXData());
        assertArrayEquals(new double[] {50, 75}, chart.getSeriesMap().get("A").getYData(), 1e-12);
        Run none = run(List.of(step(1, 1)), List.of(), List.of());
        assertTrue(ReportCharts.devAccuracy(List.of(none), List.of("N")).isEmpty());
    }

    @Test
    void traceHasBandLineAndThresholdOnALogAxisWithTheBandFloored() {
        Run a = run(List.of(), List.of(), List.of(curv(10, 100, -5, Double.NaN),
                curv(20, 200, 150, Double.NaN)));
        XYChart chart = ReportCharts.trace(List.of(a), List.of("A")).orElseThrow();
        assertTrue(chart.getStyler().isYAxisLogarithmic(), "threshold 2e4 vs trace 100");
        assertEquals(List.of("A"), legend(chart));
        XYSeries band = chart.getSeriesMap().get("A 95% CI");
        assertEquals(XYSeries.XYSeriesRenderStyle.PolygonArea, band.getXYSeriesRenderStyle());
        // floor = half the smallest trace/threshold = 50; the low end -5 is drawn there
        assertArrayEquals(new double[] {110, 210, 150, 50}, band.getYData(), 1e-12);
        assertArrayEquals(new double[] {2e4, 2e4},
                chart.getSeriesMap().get("A threshold").getYData(), 1e-9);
    }

    @Test
    void traceIsLinearWhenItHasNonPositiveValues() {
        Run a = run(List.of(), List.of(), List.of(curv(10, -100, -150, Double.NaN)));
        XYChart chart = ReportCharts.trace(List.of(a), List.of("A")).orElseThrow();
        assertFalse(chart.getStyler().isYAxisLogarithmic());
        assertArrayEquals(new double[] {-90, -150},
                chart.getSeriesMap().get("A 95% CI").getYData(), 1e-12);
    }

    @Test
    void stabilityRatioDividesTraceAndBandByTheThreshold() {
        Run a = run(List.of(), List.of(), List.of(curv(10, 100, -5, Double.NaN), curv(20, 200, 150, Double.NaN)));
        XYChart chart = ReportCharts.stabilityRatio(List.of(a), List.of("A")).orElseThrow();
        assertArrayEquals(new double[] {100 / 2e4, 200 / 2e4}, chart.getSeriesMap().get("A").getYData(), 1e-15);
        assertArrayEquals(new double[] {110 / 2e4, 210 / 2e4, 150 / 2e4, -5 / 2e4},
                chart.getSeriesMap().get("A 95% CI").getYData(), 1e-15);
        assertArrayEquals(new double[] {1, 1}, chart.getSeriesMap().get("edge").getYData());
        assertArrayEquals(new double[] {10, 20}, chart.getSeriesMap().get("edge").getXData());
        assertTrue(ReportCharts.stabilityRatio(List.of(run(List.of(), List.of(), List.of())), List.of("E")).isEmpty());
    }

    @Test
    void lambdaMaxOnlyForRunsThatHaveIt() {
        Run with = run(List.of(), List.of(), List.of(curv(10, 100, 90, 30), curv(20, 100, 90, 40)));
        Run without = run(List.of(), List.of(), List.of(curv(10, 100, 90, Double.NaN)));
        XYChart chart = ReportCharts.lambdaMax(List.of(with, without), List.of("W", "O"))
                .orElseThrow();
        assertEquals(List.of("W"), legend(chart));
        assertArrayEquals(new double[] {2e4, 2e4}, chart.getSeriesMap().get("W 2/η").getYData(),
                1e-9);
        assertTrue(ReportCharts.lambdaMax(List.of(without), List.of("O")).isEmpty());
        assertTrue(ReportCharts.trace(List.of(run(List.of(), List.of(), List.of())),
                List.of("E")).isEmpty());
    }

    @Test
    void logScaleNeedsPositiveValuesSpanningTwoDecades() {
        Curve narrow = new Curve(new double[] {1, 2}, new double[] {1, 99});
        Curve wide = new Curve(new double[] {1, 2}, new double[] {1, 100});
        Curve negative = new Curve(new double[] {1}, new double[] {-1});
        assertFalse(ReportCharts.logScale(List.of(narrow)));
        assertTrue(ReportCharts.logScale(List.of(wide)));
        assertFalse(ReportCharts.logScale(List.of(wide, negative)));
        assertFalse(ReportCharts.logScale(List.of()));
    }
}
