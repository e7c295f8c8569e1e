package dev.zotuner.tuner.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.report.Run;
import dev.zotuner.tuner.rundir.CurvatureRecord;
import dev.zotuner.tuner.rundir.EvalRecord;
import dev.zotuner.tuner.rundir.MetricsLog;
import dev.zotuner.tuner.rundir.ReplayLog;
import dev.zotuner.tuner.rundir.ReplayStep;
import dev.zotuner.tuner.rundir.RunDirectoryException;
import dev.zotuner.tuner.rundir.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    private static final double NAN = Double.NaN;

    record Config(String optimizer, double lr, double eps, String task, int k, long seed,
                  String model, int steps, String batch) {
    }

    private static final Config CONFIG =
            new Config("zo-sgd", 1e-6, 1e-3, "sst2", 16, 42, "default", 6, "full");

    @TempDir
    Path base;

    /** Step t of a toy run: the store is Stores.small(t) after t updates. */
    private static void step(RunDirectory run, long t) {
        run.metrics().step(new StepRecord(t, 0.7 - 0.01 * t, 0.6, 50.0 * t, 1e-6, 0.5 * t, NAN,
                NAN, NAN), 1000 + t, Map.of("block", (int) t % 2));
        if (t % 2 == 0) {
            run.metrics().eval(new EvalRecord(t, "dev", 0.5 + 0.01 * t, 0.5, 0.6));
        }
    }

    @Test
    void whatTheWriterWritesTheReportReaderReads() {
        Path dir = base.resolve("run");
        try (RunDirectory run = RunDirectory.create(dir, CONFIG)) {
            assertEquals(dir.resolve("split"), run.splitDirectory());
            for (long t = 1; t <= 4; t++) {
                step(run, t);
            }
            run.metrics().curvature(new CurvatureRecord(4, 4e4, 2e3, 3.6e4, 4.4e4, 16, NAN, 950,
                    1e-6, 2e6, 0.02));
            run.writeSummary(Map.of("best_step", 4, "best_dev_accuracy", 0.54,
                    "test_accuracy", 0.8125, "test_macro_f1", NAN));
        }
        Run read = Run.load(dir);
        assertEquals("zo-sgd", read.config().get("optimizer").orElseThrow());
        assertEquals("1e-6", read.config().get("lr").orElseThrow());
        assertEquals(OptionalLong.of(6), read.config().steps());
        assertEquals("full", read.config().get("batch").orElseThrow());
        MetricsLog log = read.metrics();
        assertEquals(List.of(1L, 2L, 3L, 4L), log.steps().stream().map(StepRecord::step).toList());
        assertEquals(new StepRecord(3, 0.7 - 0.03, 0.6, 150.0, 1e-6, 1.5, NAN, NAN, NAN),
                log.steps().get(2));
        assertEquals(List.of(new EvalRecord(2, "dev", 0.52, 0.5, 0.6),
                new EvalRecord(4, "dev", 0.54, 0.5, 0.6)), log.devEvals());
        assertEquals(950.0, log.curvature().get(0).lambdaMax());
        assertTrue(Double.isNaN(log.curvature().get(0).traceSq()));
        assertEquals(OptionalLong.of(4), read.summary().bestStep());
        assertEquals(0.8125, read.summary().testAccuracy());
        assertTrue(Double.isNaN(read.summary().testMacroF1()));
    }

    @Test
    void aFieldKnownOnlyAfterTheStartIsAddedToTheConfigOnceAndNeverChanged() throws Exception {
        Path dir = base.resolve("run");
        try (RunDirectory run = RunDirectory.create(dir, CONFIG)) {
            assertTrue(run.recordInConfig("provenance", Map.of("base_model_sha256", "ab")));
            assertFalse(run.recordInConfig("provenance", Map.of("base_model_sha256", "cd")));
            assertEquals("ab", run.config().get("provenance").get("base_model_sha256").asText());
        }
        Run read = Run.load(dir);
        assertEquals("zo-sgd", read.config().get("optimizer").orElseThrow());
        try (RunDirectory reopened = RunDirectory.open(dir)) {
            assertEquals("ab", reopened.config().get("provenance").get("base_model_sha256").asText());
            assertFalse(reopened.recordInConfig("optimizer", "other"));
            assertEquals("zo-sgd", reopened.config().get("optimizer").asText());
        }
    }

    @Test
    void aKilledRunResumesFromItsLatestSnapshotWithoutDuplicateRecords() throws Exception {
        Path dir = base.resolve("run");
        try (RunDirectory run = RunDirectory.create(dir, CONFIG)) {
            for (long t = 1; t <= 5; t++) {
                step(run, t);
                if (t % 2 == 0) {
                    String state = "opt-" + t;
                    run.snapshot(t, Stores.small(t), f -> Files.writeString(f, state));
                }
            }
        }
        // the kill: half of step 6's line
        Files.writeString(dir.resolve("metrics.jsonl"), "{\"type\":\"step\",\"step\":6,\"lo",
                StandardOpenOption.APPEND);

        ParameterStore store = Stores.small(0);
        try (RunDirectory run = RunDirectory.open(dir)) {
            assertEquals(CONFIG, run.config(Config.class));
            Snapshot snap = run.snapshots().latest(store).snapshot().orElseThrow();
            assertEquals(4, snap.step());
            snap.restoreInto(store);
            assertEquals("opt-4", Files.readString(snap.stateFile().orElseThrow()));
            Resumption r = run.resumeAt(snap.step());
            assertEquals(2, r.droppedLines());
            assertEquals(2.0, r.seconds());
            assertEquals(List.of(0.52, 0.54),
                    r.metrics().devEvals().stream().map(EvalRecord::accuracy).toList());
            for (long t = 5; t <= 6; t++) {
                step(run, t);
            }
        }
        assertArrayEquals(Stores.small(4).snapshot(), store.snapshot());
        List<Long> steps = Run.load(dir).metrics().steps().stream().map(StepRecord::step).toList();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), steps);
        assertEquals(List.of(1001L, 1002L, 1003L, 1004L, 1005L, 1006L),
                ReplayLog.read(dir.resolve("metrics.jsonl")).stream().map(ReplayStep::seed).toList());
        String text = Files.readString(dir.resolve("metrics.jsonl"));
        assertTrue(text.contains("{\"type\":\"resume\",\"step\":4,\"dropped_lines\":2}\n"), text);
        assertTrue(text.endsWith("\n"));
    }

    @Test
    void theBestWeightsWaitOnDiskOneAtATimeAndAResumeDropsThoseOfADiscardedFuture() throws Exception {
        Path dir = base.resolve("run");
        try (RunDirectory run = RunDirectory.create(dir, CONFIG)) {
            for (long t = 1; t <= 5; t++) {
                step(run, t);
            }
            run.saveBest(2, Stores.small(2));
            run.saveBest(5, Stores.small(5));
            ParameterStore store = Stores.small(0);
            assertTrue(run.best(2, store).isEmpty(), "replaced by the newer best");
            run.best(5, store).orElseThrow().restoreInto(store);
            assertArrayEquals(Stores.small(5).snapshot(), store.snapshot());
            assertTrue(run.best(5, Stores.renamed()).isEmpty(), "another layout: replay instead");
        }
        try (Stream<Path> files = Files.list(dir.resolve(RunDirectory.BEST))) {
            assertEquals(List.of("step-5.bin", "step-5.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (RunDirectory run = RunDirectory.open(dir)) {
            run.resumeAt(3);
            assertTrue(run.best(5, Stores.small(0)).isEmpty(), "step 5 is rewritten after the resume");
            run.saveBest(3, Stores.small(3));
            assertTrue(run.best(3, Stores.small(0)).isPresent());
        }
    }

    @Test
    void resumingBehindACorruptedSnapshotDiscardsItAndTheLogAfterTheGoodOne() throws Exception {
        Path dir = base.resolve("run");
        try (RunDirectory run = RunDirectory.create(dir, CONFIG)) {
            for (long t = 1; t <= 4; t++) {
                step(run, t);
                if (t % 2 == 0) {
                    run.snapshot(t, Stores.small(t), null);
                }
            }
            run.writeSummary(Map.of("best_step", 4));
        }
        Path four = dir.resolve("snapshots/step-4.bin");
        byte[] bytes = Files.readAllBytes(four);
        bytes[5] ^= 1;
        Files.write(four, bytes);
        try (RunDirectory run = RunDirectory.open(dir)) {
            LatestSnapshot latest = run.latestSnapshot(Stores.small(0));
            assertEquals(List.of(four + ": SHA-256 mismatch (corrupted); snapshot skipped"),
                    latest.warnings());
            Resumption r = run.resumeAt(latest.snapshot().orElseThrow().step());
            assertEquals(List.of(4L), r.discardedSnapshots());
            assertEquals(List.of(2L), run.snapshots().steps());
            assertEquals(List.of(1L, 2L), r.metrics().steps().stream().map(StepRecord::step).toList());
        }
        assertFalse(Files.exists(dir.resolve("summary.json")));
    }

    @Test
    void refusesToReuseANonEmptyDirectoryAndTouchesNothingInIt() throws Exception {
        Path dir = Files.createDirectories(base.resolve("mine"));
        Path notes = Files.writeString(dir.resolve("notes.txt"), "keep me");
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> RunDirectory.create(dir, CONFIG));
        assertEquals(dir + ": exists and is not empty; resume that run or choose another directory",
                e.getMessage());
        assertEquals(List.of(notes), Files.list(dir).toList());
        assertEquals("keep me", Files.readString(notes));
        Path file = Files.writeString(base.resolve("plain"), "x");
        assertEquals(file + ": exists and is not a directory", assertThrows(
                RunDirectoryException.class, () -> RunDirectory.create(file, CONFIG)).getMessage());
        Path empty = Files.createDirectories(base.resolve("empty"));
        RunDirectory.create(empty, CONFIG).close();
        assertTrue(Files.isRegularFile(empty.resolve("config.json")));
        assertTrue(Files.isRegularFile(empty.resolve("metrics.jsonl")));
    }

    @Test
    void aRunThatLoggedNothingIsStartedOverWithTheNewConfig() throws Exception {
        Path dir = base.resolve("failed");
        try (RunDirectory failed = RunDirectory.create(dir, CONFIG)) {
            assertFalse(failed.restarted());
            Files.createDirectories(failed.splitDirectory());
            Files.writeString(failed.splitDirectory().resolve("train.tsv"), "row\tlabel\n");
            IllegalStateException live = assertThrows(IllegalStateException.class,
                    () -> RunDirectory.create(dir, Map.of("lr", 2)));
            assertTrue(live.getMessage().contains("is being written by another process"), live.getMessage());
        }   // "killed" while loading the model: config.json, split/, an empty metrics.jsonl
        try (RunDirectory again = RunDirectory.create(dir, Map.of("lr", 2))) {
            assertTrue(again.restarted());
            assertEquals(2, again.config().get("lr").asInt());
            assertFalse(Files.exists(again.splitDirectory()), "the earlier split is gone");
            again.metrics().eval(new EvalRecord(0, "dev", 0.5, 0.5, 0.7));
        }
        RunDirectoryException logged = assertThrows(RunDirectoryException.class,
                () -> RunDirectory.create(dir, CONFIG));
        assertTrue(logged.getMessage().endsWith("exists and is not empty; resume that run or choose another directory"));
        assertEquals(2, RunDirectory.open(dir).config().get("lr").asInt(), "a run with a logged line is left alone");
    }

    @Test
    void anOpenedRunWritesNothingBeforeResumeAtAndResumesOnce() {
        Path dir = base.resolve("run");
        RunDirectory.create(dir, CONFIG).close();
        try (RunDirectory run = RunDirectory.open(dir)) {
            assertThrows(IllegalStateException.class, run::metrics);
            assertThrows(IllegalStateException.class,
                    () -> run.snapshot(1, Stores.small(1), null));
            run.resumeAt(0);
            assertThrows(IllegalStateException.class, () -> run.resumeAt(0));
            step(run, 1);
        }
        try (RunDirectory created = RunDirectory.create(base.resolve("new"), CONFIG)) {
            assertThrows(IllegalStateException.class, () -> created.resumeAt(0));
        }
    }

    @Test
    void aRunStillBeingWrittenCannotBeOpenedForResume() {
        Path dir = base.resolve("run");
        try (RunDirectory live = RunDirectory.create(dir, CONFIG)) {
            assertEquals(dir, live.path());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> RunDirectory.open(dir));
            assertTrue(e.getMessage().contains("is being written by another process"));
        }
    }

    @Test
    void openNamesWhatIsMissingAndConfigMismatchesAreOneLine() throws Exception {
        assertEquals(base.resolve("nope") + ": no such run directory", assertThrows(
                RunDirectoryException.class, () -> RunDirectory.open(base.resolve("nope")))
                .getMessage());
        assertEquals(base + ": no config.json (not a run directory?)", assertThrows(
                RunDirectoryException.class, () -> RunDirectory.open(base)).getMessage());
        Path dir = base.resolve("run");
        RunDirectory.create(dir, Map.of("lr", "fast")).close();
        try (RunDirectory run = RunDirectory.open(dir)) {
            assertEquals("fast", run.config().get("lr").asText());
            RunDirectoryException e = assertThrows(RunDirectoryException.class,
                    () -> run.config(Config.class));
            assertTrue(e.getMessage().startsWith(dir.resolve("config.json")
                    + ": cannot read as Config: "), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void theConfigIsPrettyPrintedAndTheReplayLogReadable() throws Exception {
        Path dir = base.resolve("run");
        try (RunDirectory run = RunDirectory.create(dir, CONFIG)) {
            step(run, 1);
            assertEquals(List.of(new ReplayStep(1, 1001, 50.0, 1e-6, Map.of("block", 1))),
                    run.replayLog());
        }
        String config = Files.readString(dir.resolve("config.json"));
        assertTrue(config.startsWith("{\n  \"optimizer\" : \"zo-sgd\",\n  \"lr\" : 1.0E-6,"), config);
    }

    @Test
    void aRunHasLoggedOnceItsMetricsHoldALine() {
        Path dir = base.resolve("logged");
        assertFalse(RunDirectory.hasLogged(dir), "absent");
        try (RunDirectory run = RunDirectory.create(dir, CONFIG)) {
            assertFalse(RunDirectory.hasLogged(dir), "config and an empty log: unstarted");
            step(run, 1);
        }
        assertTrue(RunDirectory.hasLogged(dir));
    }
}
