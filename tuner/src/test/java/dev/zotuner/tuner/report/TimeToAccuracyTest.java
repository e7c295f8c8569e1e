package dev.zotuner.tuner.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tuner.rundir.EvalRecord;
import dev.zotuner.tuner.rundir.MetricsLog;
import dev.zotuner.tuner.rundir.RunConfig;
import dev.zotuner.tuner.rundir.RunSummary;
import dev.zotuner.tuner.rundir.StepRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class TimeToAccuracyTest {

    private static StepRecord step(long t, double trainSeconds) {
        return new StepRecord(t, 0.7, 0.6, 1, 1e-4, 3 * t, Double.NaN, Double.NaN, Double.NaN, trainSeconds);
    }

    private static Run run(Map<String, String> config, List<EvalRecord> evals) {
        return new Run(Path.of("r"), new RunConfig(config), new MetricsLog(
                List.of(step(1, 0.5), step(2, 1.1), step(3, 1.4), step(4, 2.0)), evals, List.of()), RunSummary.empty());
    }

    private static final List<EvalRecord> EVALS = List.of(
            new EvalRecord(0, "dev", 0.5, 0.5, 0.7), new EvalRecord(0, "test", 0.48, 0.5, 0.7),
            new EvalRecord(2, "dev", 0.6, 0.5, 0.6), new EvalRecord(2, "test-curve", 0.55, 0.5, 0.6),
            new EvalRecord(4, "dev", 0.7, 0.5, 0.5), new EvalRecord(4, "test-curve", 0.65, 0.5, 0.5),
            new EvalRecord(4, "test", 0.6, 0.5, 0.5));

    @Test
    void testAccuracyStartsAtTheBaseModelAndFollowsTheSecondsSpentInSteps() {
        XYChart chart = TimeToAccuracy.seconds(List.of(run(Map.of(), EVALS)), List.of("A")).orElseThrow();
        assertArrayEquals(new double[] {0, 1.1, 2.0}, chart.getSeriesMap().get("A").getXData());
        assertArrayEquals(new double[] {48, 55, 65}, chart.getSeriesMap().get("A").getYData(), 1e-9,
                "the final best-checkpoint test line is not a point of the curve");
        assertArrayEquals(new double[] {0, 1.1, 2.0}, chart.getSeriesMap().get("A dev").getXData());
        assertTrue(chart.getXAxisTitle().contains("seconds"));
    }

    @Test
    void forwardPassesCountTwoPerDirection() {
        XYChart chart = TimeToAccuracy.forwardPasses(List.of(run(Map.of("directions", "4"), EVALS)), List.of("A"))
                .orElseThrow();
        assertArrayEquals(new double[] {0, 16, 32}, chart.getSeriesMap().get("A").getXData());
    }

    @Test
    void seedsOfOneLabelAreAveragedPerEvaluation() {
        List<EvalRecord> later = EVALS.stream().map(e -> new EvalRecord(e.step(), e.split(), e.accuracy() + 0.1,
                e.macroF1(), e.loss())).toList();
        XYChart chart = TimeToAccuracy.seconds(List.of(run(Map.of(), EVALS), run(Map.of(), later)),
                List.of("lora seed=13", "lora seed=42")).orElseThrow();
        assertEquals(List.of("lora (mean of 2)", "lora (mean of 2) dev"), List.copyOf(chart.getSeriesMap().keySet()));
        assertArrayEquals(new double[] {53, 60, 70}, chart.getSeriesMap().get("lora (mean of 2)").getYData(), 1e-9);
    }

    @Test
    void onlyStudiesWithATestCurveGetTheFigureAndTheirDevOnlyRunsDrawDev() {
        List<EvalRecord> devOnly = EVALS.stream().filter(EvalRecord::isDev).toList();
        assertTrue(TimeToAccuracy.seconds(List.of(run(Map.of(), devOnly)), List.of("A")).isEmpty(), "dev-accuracy.png has it");
        XYChart chart = TimeToAccuracy.seconds(List.of(run(Map.of(), EVALS), run(Map.of(), devOnly)), List.of("A", "B"))
                .orElseThrow();
        assertEquals(List.of("A", "A dev", "B (dev)"), List.copyOf(chart.getSeriesMap().keySet()));
    }
}
