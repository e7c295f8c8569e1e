package dev.zotuner.tuner.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.tuner.objective.FlatMinimaExample;
import dev.zotuner.tuner.report.Run;
import dev.zotuner.tuner.run.RunDirectory;
import dev.zotuner.tuner.rundir.CurvatureRecord;
import dev.zotuner.tuner.rundir.StepRecord;
import dev.zotuner.tuner.toy.FlatMinimaConfig.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** d = 20 instead of the paper's 100 so ZO's trace falls within 2·10⁴ steps (its rate is capped near 1/d²). */
class FlatMinimaExperimentTest {

    private static final int D = 20;
    private static final long SEED = 42;
    private static final long STEPS = 20_000;

    @TempDir
    Path dir;

    private FlatMinimaSummary run(String name, FlatMinimaConfig config) {
        try (RunDirectory run = RunDirectory.create(dir.resolve(name), config)) {
            return new FlatMinimaExperiment(config).run(run);
        }
    }

    @Test
    void gdStopsAtASharpMinimiserWhileZoFindsAFlatOneFromTheSameStart() {
        double start = FlatMinimaExample.random(D, SEED).hessianTrace(null);
        FlatMinimaSummary gd = run("gd", FlatMinimaConfig.of(Method.GD, D, SEED, 0.05, null, STEPS, 1000));
        FlatMinimaSummary zo = run("zo", FlatMinimaConfig.of(Method.ZO, D, SEED, 0.005, 0.1, STEPS, 1000));
        FlatMinimaSummary wide = run("zo-wide", FlatMinimaConfig.of(Method.ZO, D, SEED, 0.005, 0.2, STEPS, 1000));

        assertEquals("completed", gd.status());
        assertEquals(start, gd.initialTrace());
        assertEquals(0, gd.finalResidual(), 1e-6);                 // a minimiser ...
        assertTrue(gd.finalTrace() > 10 * FlatMinimaExample.flattestTrace(), gd.line());   // ... far from the flattest
        assertEquals(start, gd.finalTrace(), 0.1 * start);          // about where it started

        assertEquals(start, zo.initialTrace());
        assertEquals(0, zo.finalResidual(), 0.05);                  // near the minimiser set
        assertTrue(zo.finalTrace() < gd.finalTrace() / 4, zo.line() + " vs " + gd.line());
        assertTrue(zo.finalTrace() > FlatMinimaExample.flattestTrace() - 0.2, zo.line());
        // the trace term of the smoothed loss is ½λ²·Tr: a larger λ flattens faster
        assertTrue(wide.finalTrace() < zo.finalTrace(), wide.line() + " vs " + zo.line());
    }

    @Test
    void writesARunDirectoryTheReportReadsWithTheExactTrace() throws Exception {
        FlatMinimaConfig config = FlatMinimaConfig.of(Method.ZO, D, SEED, 0.005, 0.1, 2500, 1000);
        FlatMinimaSummary s = run("zo", config);
        Run r = Run.load(dir.resolve("zo"));
        List<StepRecord> steps = r.metrics().steps();
        assertEquals(List.of(1000L, 2000L, 2500L), steps.stream().map(StepRecord::step).toList());
        assertTrue(steps.stream().allMatch(t -> Double.isFinite(t.lossPlus()) && Double.isFinite(t.projectedGrad())
                && t.centerLoss() >= 0));
        List<CurvatureRecord> c = r.metrics().curvature();
        assertEquals(List.of(0L, 1000L, 2000L, 2500L), c.stream().map(CurvatureRecord::step).toList());
        assertEquals(s.initialTrace(), c.get(0).trace());
        assertEquals(s.finalTrace(), c.get(3).trace());
        assertEquals(0, c.get(3).traceSe());
        assertEquals(0, c.get(3).probes());
        assertEquals(2 / 0.005, c.get(3).threshold(), 1e-9);
        assertEquals("zo-sgd", r.config().get("optimizer").orElseThrow());
        JsonNode summary = new ObjectMapper().readTree(Files.readString(dir.resolve("zo/summary.json")));
        assertEquals(2500, summary.get("steps").asLong());
        assertEquals(s.finalTrace(), summary.get("final_trace").asDouble());
    }

    @Test
    void gdStepLinesCarryTheLossAndNoSeed() throws Exception {
        run("gd", FlatMinimaConfig.of(Method.GD, D, SEED, 0.05, null, 20, 10));
        List<String> lines = Files.readAllLines(dir.resolve("gd/metrics.jsonl"));
        String step = lines.stream().filter(l -> l.contains("\"type\":\"step\"")).findFirst().orElseThrow();
        JsonNode n = new ObjectMapper().readTree(step);
        assertTrue(!n.has("seed") && n.get("projected_grad").isNull(), step);
        assertEquals(n.get("loss_plus").asDouble(), n.get("center_loss").asDouble());
        assertTrue(n.get("grad_norm").asDouble() > 0, step);
    }

    @Test
    void sameSettingsGiveTheSameRunBitForBit() {
        FlatMinimaConfig config = FlatMinimaConfig.of(Method.ZO, D, 7, 0.005, 0.1, 500, 100);
        FlatMinimaSummary a = run("a", config);
        FlatMinimaSummary b = run("b", config);
        assertEquals(a.finalTrace(), b.finalTrace(), 0);
        assertEquals(a.finalLoss(), b.finalLoss(), 0);
        FlatMinimaSummary other = run("c", FlatMinimaConfig.of(Method.ZO, D, 8, 0.005, 0.1, 500, 100));
        assertTrue(other.initialTrace() != a.initialTrace());
    }

    @Test
    void divergenceEndsTheRunWithOneLineAndADivergedSummary() throws Exception {
        FlatMinimaConfig config = FlatMinimaConfig.of(Method.GD, D, SEED, 1.0, null, 1000, 100);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run("gd", config));
        assertTrue(e.getMessage().startsWith("gd diverged at step "), e.getMessage());
        assertTrue(e.getMessage().endsWith("try a smaller --lr"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        JsonNode summary = new ObjectMapper().readTree(Files.readString(dir.resolve("gd/summary.json")));
        assertEquals("diverged", summary.get("status").asText());
        assertEquals(e.getMessage(), summary.get("message").asText());
        assertTrue(summary.get("steps").asLong() < 1000);
    }
}
