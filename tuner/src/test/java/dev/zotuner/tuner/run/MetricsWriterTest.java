package dev.zotuner.tuner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tuner.rundir.CurvatureRecord;
import dev.zotuner.tuner.rundir.EvalRecord;
import dev.zotuner.tuner.rundir.MetricsLog;
import dev.zotuner.tuner.rundir.ReplayLog;
import dev.zotuner.tuner.rundir.ReplayStep;
import dev.zotuner.tuner.rundir.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsWriterTest {

    private static final double NAN = Double.NaN;

    @TempDir
    Path dir;

    @Test
    void eachRecordIsOneCompleteLineAsSoonAsItIsWritten() throws Exception {
        Path file = dir.resolve("metrics.jsonl");
        try (MetricsWriter w = MetricsWriter.open(file)) {
            w.step(new StepRecord(1, 0.7, 0.5, 100.0, 1e-6, 0.25, NAN, NAN, NAN), -42L,
                    Map.of("block", 3, "accepted", 1));
            // readable by another reader before the writer is closed or forced
            assertEquals("{\"type\":\"step\",\"step\":1,\"seed\":-42,\"loss_plus\":0.7,"
                    + "\"loss_minus\":0.5,\"projected_grad\":100.0,\"lr\":1.0E-6,\"seconds\":0.25,"
                    + "\"accepted\":1,\"block\":3}\n", Files.readString(file));
            w.eval(new EvalRecord(1, "dev", 0.75, 0.7, NAN));
            w.curvature(new CurvatureRecord(1, 10, 1, 8, 12, 4, NAN, 3.5, 1e-6, 2e6, 0.1));
            w.append("lr_change", 1, Map.of("lr", 5e-7));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size());
        assertEquals("{\"type\":\"eval\",\"step\":1,\"split\":\"dev\",\"accuracy\":0.75,"
                + "\"macro_f1\":0.7,\"loss\":null}", lines.get(1));
        assertEquals("{\"type\":\"curvature\",\"step\":1,\"trace\":10.0,\"trace_se\":1.0,"
                + "\"trace_ci_low\":8.0,\"trace_ci_high\":12.0,\"probes\":4,\"lambda_max\":3.5,"
                + "\"lr\":1.0E-6,\"threshold\":2000000.0,\"stability_s\":0.1}", lines.get(2));
        assertEquals("{\"type\":\"lr_change\",\"step\":1,\"lr\":5.0E-7}", lines.get(3));
    }

    @Test
    void divergedLossesAreNullAndTheReportReaderTakesThemAsNaN() {
        Path file = dir.resolve("metrics.jsonl");
        try (MetricsWriter w = MetricsWriter.open(file)) {
            w.step(new StepRecord(1, Double.POSITIVE_INFINITY, NAN, NAN, 1e-3, 1, 0.6, NAN, NAN),
                    7, Map.of());
        }
        StepRecord back = MetricsLog.read(file).steps().get(0);
        assertTrue(Double.isNaN(back.lossPlus()) && Double.isNaN(back.projectedGrad()));
        assertEquals(0.6, back.centerLoss());
        assertTrue(Double.isNaN(back.traceSample()));
    }

    @Test
    void aStepWithoutARandomDirectionHasNoSeedAndStillReads() throws Exception {
        Path file = dir.resolve("metrics.jsonl");
        try (MetricsWriter w = MetricsWriter.open(file)) {
            w.step(new StepRecord(2, 0.5, 0.5, NAN, 0.01, 0.1, 0.5, NAN, NAN), Map.of("grad_norm", 3.0));
        }
        assertEquals("{\"type\":\"step\",\"step\":2,\"loss_plus\":0.5,\"loss_minus\":0.5,"
                + "\"projected_grad\":null,\"lr\":0.01,\"seconds\":0.1,\"center_loss\":0.5,"
                + "\"grad_norm\":3.0}\n", Files.readString(file));
        StepRecord back = MetricsLog.read(file).steps().get(0);
        assertEquals(0.5, back.meanLoss());
        assertTrue(Double.isNaN(back.projectedGrad()));
    }

    @Test
    void appendsToAnExistingLog() throws Exception {
        Path file = Files.writeString(dir.resolve("metrics.jsonl"),
                "{\"type\":\"step\",\"step\":1}\n");
        try (MetricsWriter w = MetricsWriter.open(file)) {
            w.append("note", 1, Map.of("text", "hello"));
        }
        assertEquals("{\"type\":\"step\",\"step\":1}\n{\"type\":\"note\",\"step\":1,"
                + "\"text\":\"hello\"}\n", Files.readString(file));
    }

    @Test
    void reservedFieldsTypedTypesAndNegativeStepsAreRefused() {
        try (MetricsWriter w = MetricsWriter.open(dir.resolve("metrics.jsonl"))) {
            StepRecord r = new StepRecord(1, 0.7, 0.5, 1, 1e-6, 1, NAN, NAN, NAN);
            assertEquals("metrics field 'lr' is set by the writer; give it another name",
                    assertThrows(IllegalArgumentException.class,
                            () -> w.step(r, 1, Map.of("lr", 2))).getMessage());
            assertThrows(IllegalArgumentException.class, () -> w.append("eval", 1, Map.of()));
            assertThrows(IllegalArgumentException.class, () -> w.append(" ", 1, Map.of()));
            assertThrows(IllegalArgumentException.class, () -> w.append("x", 1, Map.of("step", 2)));
            assertThrows(IllegalArgumentException.class, () -> w.append("x", -1, Map.of()));
        }
    }

    @Test
    void aSecondWriterOnTheSameFileIsRefused() {
        Path file = dir.resolve("metrics.jsonl");
        try (MetricsWriter w = MetricsWriter.open(file)) {
            assertEquals(file, w.file());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> MetricsWriter.open(file));
            assertEquals(file + ": is being written by another process (is the run still going?)",
                    e.getMessage());
        }
        MetricsWriter.open(file).close();
    }

    @Test
    void truncateAfterCutsTheFileAndLaterLinesAppendAfterTheCut() throws Exception {
        Path file = Files.writeString(dir.resolve("metrics.jsonl"), """
                {"type":"step","step":1}
                {"type":"step","step":2}
                {"type":"step","step":3}
                {"type":"st""");
        try (MetricsWriter w = MetricsWriter.open(file)) {
            LogTruncation cut = w.truncateAfter(1);
            assertEquals(3, cut.droppedLines());
            w.append("resume", 1, Map.of());
        }
        assertEquals("{\"type\":\"step\",\"step\":1}\n{\"type\":\"resume\",\"step\":1}\n",
                Files.readString(file));
    }

    @Test
    void aKeptLineMissingOnlyItsNewlineGetsOne() throws Exception {
        Path file = Files.writeString(dir.resolve("metrics.jsonl"), "{\"type\":\"step\",\"step\":1}");
        try (MetricsWriter w = MetricsWriter.open(file)) {
            w.truncateAfter(1);
            w.append("resume", 1, Map.of());
        }
        assertEquals(List.of("{\"type\":\"step\",\"step\":1}", "{\"type\":\"resume\",\"step\":1}"),
                Files.readAllLines(file));
    }

    /** The step lines are the replay log: {@link ReplayLog} reads back what the writer wrote, numbers bit for bit. */
    @Test
    void stepLinesReadBackAsTheReplayLogBitForBitWithTheOptimizersFields() throws Exception {
        Path file = dir.resolve("metrics.jsonl");
        Random random = new Random(11);
        List<ReplayStep> written = new ArrayList<>();
        try (MetricsWriter w = MetricsWriter.open(file)) {
            for (int t = 1; t <= 200; t++) {
                long seed = random.nextLong();
                double g = random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                double lr = 1e-6 * (1 + random.nextDouble());
                Map<String, Object> extras = Map.of("block", t % 7, "accepted", t % 3 - 1,
                        "directions", List.of(Map.of("seed", seed, "g", g)));
                w.step(new StepRecord(t, 0.7, 0.6, g, lr, t * 0.1, NAN, NAN, NAN), seed, extras);
                written.add(new ReplayStep(t, seed, g, lr, extras));
                if (t % 50 == 0) {
                    w.eval(new EvalRecord(t, "dev", 0.5, 0.5, 0.6));
                }
            }
        }
        // a kill in the middle of the next line
        Files.writeString(file, "{\"type\":\"step\",\"step\":201,\"se", StandardOpenOption.APPEND);
        List<ReplayStep> read = ReplayLog.read(file);
        assertEquals(written.size(), read.size());
        for (int i = 0; i < written.size(); i++) {
            ReplayStep a = written.get(i);
            ReplayStep b = read.get(i);
            assertEquals(a.step(), b.step());
            assertEquals(a.seed(), b.seed());
            assertEquals(Double.doubleToRawLongBits(a.projectedGrad()),
                    Double.doubleToRawLongBits(b.projectedGrad()));
            assertEquals(Double.doubleToRawLongBits(a.lr()), Double.doubleToRawLongBits(b.lr()));
            assertEquals(a.extras().get("block"), b.extras().get("block"));
            assertEquals(a.extras().get("accepted"), b.extras().get("accepted"));
            @SuppressWarnings("unchecked")
            Map<String, Object> direction =
                    ((List<Map<String, Object>>) b.extras().get("directions")).get(0);
            assertEquals(a.seed(), ((Number) direction.get("seed")).longValue());
            assertEquals(a.projectedGrad(), (Double) direction.get("g"));
            assertEquals(3, b.extras().size());
        }
    }

    @Test
    void extrasMayNotUseTheFieldsOfAStepLine() throws Exception {
        try (MetricsWriter w = MetricsWriter.open(dir.resolve("metrics.jsonl"))) {
            for (String reserved : StepRecord.LINE_FIELDS) {
                assertThrows(IllegalArgumentException.class, () -> w.step(
                        new StepRecord(1, 0.7, 0.6, 1, 1e-6, 0.1, NAN, NAN, NAN), 1L, Map.of(reserved, 1)), reserved);
            }
        }
    }
}
