package dev.zotuner.tuner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RunStatisticsTest {

    private static CurvatureRecord curvature(long step, double trace, double lr) {
        return new CurvatureRecord(step, trace, 1, trace - 2, trace + 2, 4, Double.NaN,
                Double.NaN, lr, 2 / lr, 0.1);
    }

    @Test
    void tailIsTheLastFifthRoundedUpAtLeastOne() {
        assertEquals(0, RunStatistics.tailSize(0));
        assertEquals(1, RunStatistics.tailSize(1));
        assertEquals(1, RunStatistics.tailSize(5));
        assertEquals(2, RunStatistics.tailSize(6));
        assertEquals(2, RunStatistics.tailSize(10));
        assertEquals(20, RunStatistics.tailSize(100));
    }

    @Test
    void edgeRatioByHand() {
        List<CurvatureRecord> rs = new ArrayList<>();
        for (int j = 0; j < 10; j++) {
            rs.add(curvature(j, 1000.0 * (j + 1), 1e-4));
        }
        // last 2 of 10: traces 9000 and 10000; η/2 = 5e-5 → 0.45 and 0.5
        assertEquals(0.475, RunStatistics.edgeRatio(rs), 1e-12);
    }

    @Test
    void edgeRatioSkipsNonFiniteAndIsNaNWhenEmpty() {
        List<CurvatureRecord> rs = List.of(curvature(0, 1, 1), curvature(1, Double.NaN, 1e-4),
                curvature(2, 4000, 1e-4), curvature(3, 1, 1), curvature(4, 1, 1),
                curvature(5, 1, 1), curvature(6, 1, 1), curvature(7, 1, 1),
                curvature(8, Double.NaN, 1e-4), curvature(9, 6000, 1e-4));
        assertEquals(0.3, RunStatistics.edgeRatio(rs), 1e-12);
        assertTrue(Double.isNaN(RunStatistics.edgeRatio(List.of())));
    }

    @Test
    void ofARun() {
        MetricsLog log = new MetricsLog(
                List.of(new StepRecord(1, 1, 1, 0, 1e-4, 1, Double.NaN, Double.NaN, Double.NaN),
                        new StepRecord(2, 1, 1, 0, 1e-4, 2, Double.NaN, Double.NaN, Double.NaN)),
                List.of(new EvalRecord(1, "dev", 0.6, 0.6, 1), new EvalRecord(2, "dev", 0.9, 0.9, 1),
                        new EvalRecord(3, "dev", 0.7, 0.7, 1), new EvalRecord(3, "test", 0.65, 0, 1)),
                List.of(curvature(1, 3000, 1e-4), curvature(2, 5000, 1e-4)));
        Run run = new Run(Path.of("r"), new RunConfig(Map.of("steps", "10")), log,
                RunSummary.empty());
        RunStatistics s = RunStatistics.of(run);
        assertEquals(2, s.steps());
        assertEquals(OptionalLong.of(10), s.plannedSteps());
        assertEquals(0.7, s.finalDevAccuracy());
        assertEquals(0.9, s.bestDevAccuracy());
        assertEquals(OptionalLong.of(2), s.bestDevStep());
        assertEquals(0.65, s.testAccuracy());
        assertEquals(5000, s.lastTrace());
        assertEquals(20000, s.lastThreshold());
        assertEquals(0.25, s.lastTraceOverThreshold(), 1e-12);
        assertEquals(0.25, s.edgeRatio(), 1e-12);
        assertEquals(1, s.edgeRecords());
    }

    @Test
    void stepsIsTheLastLoggedStepWhenOnlyEveryNthIsLogged() {
        MetricsLog log = new MetricsLog(
                List.of(new StepRecord(1000, 1, 1, 0, 1e-3, 1, Double.NaN, Double.NaN, Double.NaN),
                        new StepRecord(2000, 1, 1, 0, 1e-3, 2, Double.NaN, Double.NaN, Double.NaN)),
                List.of(), List.of());
        Run run = new Run(Path.of("r"), new RunConfig(Map.of("steps", "2000")), log,
                RunSummary.empty());
        assertEquals(2000, RunStatistics.of(run).steps());
        Run empty = new Run(Path.of("r"), RunConfig.empty(), new MetricsLog(List.of(), List.of(),
                List.of()), RunSummary.empty());
        assertEquals(0, RunStatistics.of(empty).steps());
    }

    @Test
    void summaryTakesPrecedenceForTestAndFillsMissingDev() {
        MetricsLog log = new MetricsLog(List.of(), List.of(new EvalRecord(3, "test", 0.65, 0, 1)),
                List.of());
        Run run = new Run(Path.of("r"), RunConfig.empty(), log,
                new RunSummary(OptionalLong.of(40), 0.8, 0.7, 0.7, 0.5, RunSummary.COMPLETED, 40));
        RunStatistics s = RunStatistics.of(run);
        assertEquals(0.7, s.testAccuracy());
        assertEquals(0.8, s.bestDevAccuracy());
        assertEquals(OptionalLong.of(40), s.bestDevStep());
        assertTrue(Double.isNaN(s.finalDevAccuracy()));
        assertTrue(Double.isNaN(s.edgeRatio()));
        assertTrue(Double.isNaN(s.lastTrace()));
    }

    @Test
    void theRunsOwnSelectionWinsOverTheBestDevAccuracyOfTheEvals() {
        MetricsLog log = new MetricsLog(List.of(),
                List.of(new EvalRecord(1, "dev", 0.9, 0.9, 0.7), new EvalRecord(2, "dev", 0.8, 0.8, 0.5)), List.of());
        Run run = new Run(Path.of("r"), RunConfig.empty(), log,      // selected by dev loss: step 2
                new RunSummary(OptionalLong.of(2), 0.8, 0.7, 0.7, 0.5, RunSummary.COMPLETED, 2));
        RunStatistics s = RunStatistics.of(run);
        assertEquals(0.8, s.bestDevAccuracy());
        assertEquals(OptionalLong.of(2), s.bestDevStep());
    }
}
