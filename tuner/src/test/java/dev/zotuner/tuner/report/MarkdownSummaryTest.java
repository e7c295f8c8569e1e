package dev.zotuner.tuner.report;

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
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MarkdownSummaryTest {

    private static Run run() {
        List<StepRecord> steps = List.of(
                new StepRecord(1, 1, 1, 0, 1e-4, 1, Double.NaN, Double.NaN, Double.NaN),
                new StepRecord(2, 1, 1, 0, 1e-4, 2, Double.NaN, Double.NaN, Double.NaN));
        List<EvalRecord> evals = List.of(new EvalRecord(1, "dev", 0.875, 0, 0),
                new EvalRecord(2, "dev", 0.75, 0, 0));
        List<CurvatureRecord> curvature = List.of(new CurvatureRecord(2, 4000, 120, 3760, 4240, 8,
                Double.NaN, Double.NaN, 1e-4, 20000, 0.2));
        return new Run(Path.of("runs/a"), new RunConfig(Map.of("steps", "100")),
                new MetricsLog(steps, evals, curvature),
                new RunSummary(OptionalLong.empty(), Double.NaN, 0.8125, Double.NaN, Double.NaN, RunSummary.COMPLETED, 0));
    }

    @Test
    void tableRowHasTheRunsNumbers() {
        String md = MarkdownSummary.render(List.of(run()), List.of("lr=1e-4 | x"), List.of(),
                List.of());
        assertTrue(md.contains("| lr=1e-4 \\| x | `runs/a` | 2 / 100 | 75.0 | 87.5 (1) | 81.3 "
                + "| 4000 ± 120 | 20000 | 0.2 | 0.2 (1) |\n"), md);
        assertTrue(md.startsWith("# Fine-tuning report\n\n1 run. "));
    }

    @Test
    void embedsFiguresAndListsSkippedOnes() {
        String md = MarkdownSummary.render(List.of(run()), List.of("A"),
                List.of(new MarkdownSummary.Figure("loss.png", "Train loss")),
                List.of("λmax lower bound"));
        assertTrue(md.contains("\n## Train loss\n\n![Train loss](loss.png)\n"), md);
        assertTrue(md.endsWith("\nNot drawn (nothing recorded): λmax lower bound.\n"), md);
    }

    @Test
    void missingValuesAreDashes() {
        Run empty = new Run(Path.of("runs/e"), RunConfig.empty(),
                new MetricsLog(List.of(), List.of(), List.of()), RunSummary.empty());
        String md = MarkdownSummary.render(List.of(empty), List.of("E"), List.of(), List.of());
        assertTrue(md.contains("| E | `runs/e` | 0 | — | — | — | — | — | — | — |\n"), md);
        assertFalse(md.contains("NaN"));
    }

    @Test
    void sameInputSameText() {
        assertEquals(MarkdownSummary.render(List.of(run()), List.of("A"), List.of(), List.of()),
                MarkdownSummary.render(List.of(run()), List.of("A"), List.of(), List.of()));
    }
}
