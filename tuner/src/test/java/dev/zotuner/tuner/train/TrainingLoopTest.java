package dev.zotuner.tuner.train;

import dev.zotuner.tuner.optim.BlockOrder;
import dev.zotuner.tuner.optim.LearningRate;
import dev.zotuner.tuner.optim.Restoration;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.perturb.NoiseKind;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.run.ProgressBar;
import dev.zotuner.tuner.run.RunDirectory;
import dev.zotuner.tuner.rundir.EvalRecord;
import dev.zotuner.tuner.rundir.MetricsLog;
import dev.zotuner.tuner.rundir.StepLogCodec;
import dev.zotuner.tuner.testing.TinyRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {

    @TempDir
    Path tmp;
    private TinyRun files;

    @BeforeEach
    void data() {
        files = TinyRun.encoder(tmp, 10,
                List.of("loved the film", "best acting ever", "really fun story", "good plot"),
                List.of("hated the film", "worst plot ever", "very boring story", "bad acting"));
    }

    private FineTuneConfig config(String optimizer, double lr, long steps) {
        return config(files.model(), optimizer, lr, steps);
    }

    private FineTuneConfig config(Path modelDir, String optimizer, double lr, long steps) {
        return config(modelDir, optimizer, lr, steps, 0, false);
    }

    private FineTuneConfig config(Path modelDir, String optimizer, double lr, long steps, long curvatureEvery,
                                  boolean centerLoss) {
        return config(modelDir, optimizer, lr, steps, curvatureEvery, centerLoss, null, null);
    }

    private FineTuneConfig config(Path modelDir, String optimizer, double lr, long steps, long curvatureEvery,
                                  boolean centerLoss, PeftConfig peft, ExecutionConfig execution) {
        return config(modelDir, optimizer, lr, steps, curvatureEvery, centerLoss, peft, execution, null);
    }

    private FineTuneConfig config(Path modelDir, String optimizer, double lr, long steps, long curvatureEvery,
                                  boolean centerLoss, PeftConfig peft, ExecutionConfig execution,
                                  PerturbationConfig perturbation) {
        return config(modelDir, optimizer, lr, steps, curvatureEvery, centerLoss, peft, execution, perturbation, null);
    }

    private FineTuneConfig config(Path modelDir, String optimizer, double lr, long steps, long curvatureEvery,
                                  boolean centerLoss, PeftConfig peft, ExecutionConfig execution,
                                  PerturbationConfig perturbation, BudgetConfig budget) {
        return new FineTuneConfig(7,
                new ModelSettings(modelDir.toString(), null, null, null, null, 64, peft, execution, null),
                new TaskSettings(files.train().toString(), files.test(), "sentence", "label", true, List.of(), 4, 0),
                new PromptSettings(TinyRun.TEMPLATE, Map.of("neg", "terrible", "pos", "great"), 20),
                new OptimizerSettings(ZoMethod.parse(optimizer), lr, LearningRate.Decay.CONSTANT, 1e-3, 0, 0.9, 0.9, 0.999, 1,
                        BlockOrder.CYCLIC, Restoration.IN_PLACE, NoiseKind.GAUSSIAN, perturbation, 2),
                new LoopSettings(steps, 4, FewShotObjective.Kind.CROSS_ENTROPY, 3, 4, curvatureEvery, 24, 0, centerLoss, budget),
                null);
    }

    private ProgressBar quiet(long steps) {
        return new ProgressBar(new PrintStream(new ByteArrayOutputStream()), 0, steps, false, System::nanoTime);
    }

    /** Runs (or resumes) {@code dir}; returns θ at the end of the session. */
    private float[] session(FineTuneConfig c, Path dir, boolean resume, long stopAfter) {
        try (RunDirectory run = resume ? RunDirectory.open(dir) : RunDirectory.create(dir, c);
             FewShotSetup setup = FewShotSetup.load(c, files.cache())) {
            new TrainingLoop(c, setup, run, quiet(c.loop().steps())).run(resume, stopAfter);
            return setup.model().parameters().snapshot();
        }
    }

    @Test
    void killedAndResumedRunEndsWithBitIdenticalWeights() {
        for (String optimizer : new String[] {"zo-sgd", "zo-adam", "mezo-bcd"}) {
            FineTuneConfig c = config(optimizer, 1e-3, 10);
            float[] straight = session(c, tmp.resolve("straight-" + optimizer), false, 0);
            Path split = tmp.resolve("split-" + optimizer);
            session(c, split, false, 5);                  // "killed" after step 5 (snapshot at 4 + replay of 5)
            float[] resumed = session(c, split, true, 0);
            assertArrayEquals(straight, resumed, optimizer);
        }
    }

    /** Step losses (L+, L−, L(θ)) and dev losses of a finished run, in log order. */
    private static List<double[]> losses(Path dir) {
        MetricsLog log = MetricsLog.read(dir.resolve("metrics.jsonl"));
        List<double[]> out = new java.util.ArrayList<>();
        log.steps().forEach(s -> out.add(new double[] {s.lossPlus(), s.lossMinus(), s.centerLoss()}));
        log.devEvals().forEach(e -> out.add(new double[] {e.loss()}));
        return out;
    }

    private static void assertSameLosses(List<double[]> expected, List<double[]> actual, double tolerance) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), tolerance, "record " + i);
        }
    }

    @Test
    void theFinalTestLineNamesTheStepOfTheCheckpointItScores() {
        FineTuneConfig c = config("zo-sgd", 3e-2, 10);
        Path dir = tmp.resolve("best");
        TrainingSummary summary;
        try (RunDirectory run = RunDirectory.create(dir, c); FewShotSetup setup = FewShotSetup.load(c, files.cache())) {
            summary = new TrainingLoop(c, setup, run, quiet(c.loop().steps())).run(false, 0);
        }
        MetricsLog log = MetricsLog.read(dir.resolve("metrics.jsonl"));
        assertTrue(summary.bestStep() != 10, "this run's best dev step (" + summary.bestStep() + ") is not its last");
        List<EvalRecord> test = log.testEvals();
        assertEquals(List.of(0L, summary.bestStep()), test.stream().map(EvalRecord::step).toList());
        assertEquals(summary.testAccuracy(), test.get(1).accuracy());
    }

    private static FineTuneConfig selecting(FineTuneConfig c, CheckpointSelection selection) {
        LoopSettings l = c.loop();
        return new FineTuneConfig(c.seed(), c.model(), c.task(), c.prompt(), c.optimizer(),
                new LoopSettings(l.steps(), l.batch(), l.objective(), l.evalEvery(), l.snapshotEvery(), l.curvatureEvery(),
                        l.probes(), l.ritzDirections(), l.centerLoss(), l.budget(), selection), c.provenance());
    }

    /** The step a selection picks from a log's dev evaluations, computed here from first principles. */
    private static long expectedBest(List<EvalRecord> dev, boolean byLoss, long from) {
        EvalRecord best = dev.get(0);       // the base model: the fallback
        boolean found = from == 0;
        for (EvalRecord e : dev) {
            if (e.step() < from) {
                continue;
            }
            boolean better = !found || (byLoss ? e.loss() < best.loss() : e.accuracy() > best.accuracy());
            if (better) {
                best = e;
                found = true;
            }
        }
        return best.step();
    }

    @Test
    void devLossSelectionKeepsAndTestsTheLowestDevLossAmongTheCandidateSteps() {
        FineTuneConfig base = config(TinyModels.mlm(tmp.resolve("mlm")), "zo-sgd", 3e-2, 12);
        TrainingSummary byAccuracy = null;
        List<EvalRecord> dev = null;
        for (CheckpointSelection s : List.of(CheckpointSelection.devAccuracy(),
                new CheckpointSelection(CheckpointSelection.LOSS, 0), new CheckpointSelection(CheckpointSelection.LOSS, 7),
                new CheckpointSelection(CheckpointSelection.ACCURACY, 4))) {
            FineTuneConfig c = selecting(base, s);
            Path dir = tmp.resolve("select-" + s.statistic() + "-" + s.from());
            TrainingSummary summary;
            float[] tested;
            try (RunDirectory run = RunDirectory.create(dir, c); FewShotSetup setup = FewShotSetup.load(c, files.cache())) {
                summary = new TrainingLoop(c, setup, run, quiet(c.loop().steps())).run(false, 0);
                tested = setup.model().parameters().snapshot();
            }
            MetricsLog log = MetricsLog.read(dir.resolve("metrics.jsonl"));
            if (dev == null) {
                dev = log.devEvals();
                byAccuracy = summary;
            }
            assertEquals(dev, log.devEvals(), "the selection does not change training");
            long expected = expectedBest(dev, s.statistic().equals(CheckpointSelection.LOSS), s.from());
            assertEquals(expected, summary.bestStep(), s.toString());
            assertEquals(expected, log.testEvals().get(1).step(), "the final test line scores the selected step");
            try (RunDirectory run = RunDirectory.open(dir); FewShotSetup setup = FewShotSetup.load(c, files.cache());
                 var engine = c.engine()) {
                WeightReplay.toStep(c, run, setup.model().parameters(), engine, expected);
                assertArrayEquals(setup.model().parameters().snapshot(), tested, "θ after the run is the selected step's");
            }
        }
        assertTrue(expectedBest(dev, true, 0) != byAccuracy.bestStep(),
                "this run's lowest dev loss and best dev accuracy are at different steps, so the rules differ: " + dev);
        assertTrue(expectedBest(dev, true, 7) != expectedBest(dev, true, 0)
                        && expectedBest(dev, false, 4) != byAccuracy.bestStep(),
                "select-from excludes an earlier best under both statistics, so it matters: " + dev);
    }

    @Test
    void aResumedDevLossRunRecoversItsSelectionFromTheLog() {
        FineTuneConfig c = selecting(config(TinyModels.mlm(tmp.resolve("mlm")), "zo-sgd", 3e-2, 12),
                new CheckpointSelection(CheckpointSelection.LOSS, 1));
        Path straight = tmp.resolve("straight");
        Path resumed = tmp.resolve("resumed");
        float[] a = session(c, straight, false, 0);
        session(c, resumed, false, 7);
        float[] b = session(c, resumed, true, 0);
        assertArrayEquals(a, b);
        assertEquals(MetricsLog.read(straight.resolve("metrics.jsonl")).testEvals(),
                MetricsLog.read(resumed.resolve("metrics.jsonl")).testEvals());
    }

    @Test
    void anAveragedRunScoresKeepsAndResumesTheIterateAverage() {
        FineTuneConfig plain = selecting(config(TinyModels.mlm(tmp.resolve("mlm")), "zo-sgd", 3e-2, 12),
                new CheckpointSelection(CheckpointSelection.LOSS, 1));
        FineTuneConfig c = selecting(plain, plain.loop().selection().averaging(4));
        session(plain, tmp.resolve("plain"), false, 0);
        float[] kept = session(c, tmp.resolve("averaged"), false, 0);
        MetricsLog p = MetricsLog.read(tmp.resolve("plain").resolve("metrics.jsonl"));
        MetricsLog a = MetricsLog.read(tmp.resolve("averaged").resolve("metrics.jsonl"));
        assertEquals(p.steps().stream().map(r -> List.of(r.lossPlus(), r.lossMinus(), r.projectedGrad())).toList(),
                a.steps().stream().map(r -> List.of(r.lossPlus(), r.lossMinus(), r.projectedGrad())).toList(),
                "averaging does not change the steps");
        assertEquals(p.devEvals().get(0), a.devEvals().get(0), "step 0 is the base model either way");
        for (int i = 1; i < a.devEvals().size(); i++) {
            assertTrue(a.devEvals().get(i).loss() != p.devEvals().get(i).loss(), "dev scores the average at "
                    + a.devEvals().get(i).step());
        }
        long best = a.testEvals().get(1).step();
        assertTrue(best > 0, "a trained checkpoint is kept");
        try (RunDirectory run = RunDirectory.open(tmp.resolve("averaged")); FewShotSetup setup = FewShotSetup.load(c, files.cache());
             var engine = c.engine()) {
            WeightReplay.toStep(c, run, setup.model().parameters(), engine, best);
            assertArrayEquals(setup.model().parameters().snapshot(), kept, "θ after the run is the average at the best step");
        }
        session(c, tmp.resolve("killed"), false, 7);
        assertArrayEquals(kept, session(c, tmp.resolve("killed"), true, 0), "resume is bit-identical");
        assertEquals(a.evals(), MetricsLog.read(tmp.resolve("killed").resolve("metrics.jsonl")).evals());
    }

    @Test
    void theBestWeightsWaitOnDiskAndAreWhatReplayToTheBestStepGives() {
        FineTuneConfig c = config(TinyModels.mlm(tmp.resolve("mlm")), "zo-sgd", 3e-2, 12);
        Path dir = tmp.resolve("best-on-disk");
        TrainingSummary summary;
        float[] restored;
        try (RunDirectory run = RunDirectory.create(dir, c); FewShotSetup setup = FewShotSetup.load(c, files.cache())) {
            summary = new TrainingLoop(c, setup, run, quiet(c.loop().steps())).run(false, 0);
            restored = setup.model().parameters().snapshot();
        }
        assertEquals(3, summary.bestStep(), "a best dev step inside the run, neither the base model nor the last step");
        assertTrue(Files.isRegularFile(dir.resolve("best").resolve("step-3.bin")));
        try (RunDirectory run = RunDirectory.open(dir); FewShotSetup setup = FewShotSetup.load(c, files.cache());
             var engine = c.engine()) {
            WeightReplay.toStep(c, run, setup.model().parameters(), engine, summary.bestStep());
            assertArrayEquals(setup.model().parameters().snapshot(), restored);
        }
    }

    @Test
    void sharedPrefixBcdGivesThePlainBcdLossesAtEveryStep() {
        Path mlm = TinyModels.mlm(tmp.resolve("mlm"));
        FineTuneConfig plain = config(mlm, "mezo-bcd", 1e-2, 20, 0, true, null, new ExecutionConfig(0, false));
        FineTuneConfig shared = config(mlm, "mezo-bcd", 1e-2, 20, 0, true, null, new ExecutionConfig(0, true));
        assertFalse(shared.modelSpec(null).execution().equals(plain.modelSpec(null).execution()));
        session(plain, tmp.resolve("plain"), false, 0);
        float[] theta = session(shared, tmp.resolve("shared"), false, 0);
        List<double[]> expected = losses(tmp.resolve("plain"));
        assertEquals(20 + 20 / 3 + 1 + 1, expected.size(), "20 steps and the dev evaluations at 0, 3, ..., 18, 20");
        assertSameLosses(expected, losses(tmp.resolve("shared")), 1e-5);
        float[] resumed;
        session(shared, tmp.resolve("shared-killed"), false, 9);
        resumed = session(shared, tmp.resolve("shared-killed"), true, 0);
        assertArrayEquals(theta, resumed, "resume of a shared-prefix run is bit-identical");
    }

    @Test
    void aCachedFrozenPrefixGivesTheUncachedLosses() {
        Path mlm = TinyModels.mlm(tmp.resolve("mlm"));
        PeftConfig top = new PeftConfig(1, "none", false, 8, 8, dev.zotuner.models.Peft.DEFAULT_TARGETS);
        FineTuneConfig uncached = config(mlm, "zo-sgd", 1e-2, 8, 0, false, top, new ExecutionConfig(0, false));
        FineTuneConfig cached = config(mlm, "zo-sgd", 1e-2, 8, 0, false, top, new ExecutionConfig(64, false));
        session(uncached, tmp.resolve("uncached"), false, 0);
        float[] theta = session(cached, tmp.resolve("cached"), false, 0);
        assertSameLosses(losses(tmp.resolve("uncached")), losses(tmp.resolve("cached")), 1e-5);
        session(cached, tmp.resolve("cached-killed"), false, 5);
        assertArrayEquals(theta, session(cached, tmp.resolve("cached-killed"), true, 0), "resume is bit-identical");
        try (FewShotSetup setup = FewShotSetup.load(cached, files.cache())) {
            assertTrue(setup.model().execution().endsWith("frozen prefix cached up to layer.1"), setup.model().execution());
            var stats = setup.model().prefixCache().orElseThrow();
            long texts = java.util.stream.Stream.concat(setup.split().train().stream(), setup.split().dev().stream())
                    .map(e -> setup.model().tokenizer().encode(setup.classifier().head().render(e.text())))
                    .map(e -> java.util.Arrays.toString(e.ids())).distinct().count();
            assertEquals(texts, stats.rows(), "every distinct train and dev input, once");
            assertEquals(stats.rows(), stats.computed());
            assertEquals(Map.of("layer.1", 72L, "rest", 315L), blockSizes(setup));
        }
    }

    @Test
    void aRunFromBeforeTheHeadSliceKeepsTheWholeHeadAndANewRunsSlicedHeadGivesItsLosses() {
        for (Path model : List.of(TinyModels.mlm(tmp.resolve("mlm")), TinyModels.causal(tmp.resolve("causal")))) {
            FineTuneConfig before = config(model, "zo-sgd", 1e-2, 8);   // no inputs object: a run made before it
            FineTuneConfig now = new FineTuneConfig(before.seed(), new ModelSettings(model.toString(), null, null, null,
                    null, 64, null, null, InputConfig.current(true)), before.task(), before.prompt(), before.optimizer(),
                    before.loop(), null);
            try (FewShotSetup old = FewShotSetup.load(before, files.cache());
                 FewShotSetup sliced = FewShotSetup.load(now, files.cache())) {
                assertTrue(old.model().prepared().head().isEmpty(), "logits at every position, as the run was made");
                assertFalse(sliced.model().prepared().head().isEmpty());
            }
            String name = model.getFileName().toString();
            float[] straight = session(before, tmp.resolve(name + "-before"), false, 0);
            session(before, tmp.resolve(name + "-before-killed"), false, 5);
            assertArrayEquals(straight, session(before, tmp.resolve(name + "-before-killed"), true, 0),
                    name + ": the old run resumes bit for bit");
            session(now, tmp.resolve(name + "-now"), false, 0);
            assertSameLosses(losses(tmp.resolve(name + "-before")), losses(tmp.resolve(name + "-now")), 1e-5);
        }
    }

    @Test
    void aLoraRunResumesBitIdenticallyAndTrainsOnlyTheAdapters() {
        Path mlm = TinyModels.mlm(tmp.resolve("mlm"));
        PeftConfig lora = new PeftConfig(0, "lora", false, 2, 4, "dense$");
        FineTuneConfig c = config(mlm, "zo-sgd", 1e-1, 10, 0, false, lora, new ExecutionConfig(64, false));
        float[] straight = session(c, tmp.resolve("straight"), false, 9);    // θ after step 9, not the best on dev
        session(c, tmp.resolve("split"), false, 5);
        assertArrayEquals(straight, session(c, tmp.resolve("split"), true, 9), "resume of a LoRA run is bit-identical");
        try (FewShotSetup setup = FewShotSetup.load(c, files.cache())) {
            assertEquals(List.of("encoder.layer.0.dense.lora_A", "encoder.layer.0.dense.lora_B",
                    "encoder.layer.1.dense.lora_A", "encoder.layer.1.dense.lora_B"),
                    setup.model().parameters().parameters().stream().map(dev.zotuner.models.Parameter::name).sorted().toList());
            assertTrue(setup.model().execution().endsWith("frozen prefix cached up to layer.0"), setup.model().execution());
            float[] base = setup.model().parameters().snapshot();
            assertFalse(java.util.Arrays.equals(base, straight), "the adapters moved");
            assertEquals(0f, base[base.length - 1], "B starts at zero");
        }
    }

    @Test
    void sparseAndLowRankRunsResumeAndReplayBitIdentically() {
        Path mlm = TinyModels.mlm(tmp.resolve("mlm"));
        for (PerturbationConfig structure : List.of(new PerturbationConfig("sparse", 0.2, 2),
                new PerturbationConfig("lowrank", 0.01, 2))) {
            FineTuneConfig c = config(mlm, "zo-sgd", 1e-2, 9, 0, false, null, null, structure);
            String name = structure.structure();
            float[] straight = session(c, tmp.resolve("straight-" + name), false, 8);
            session(c, tmp.resolve("split-" + name), false, 4);
            assertArrayEquals(straight, session(c, tmp.resolve("split-" + name), true, 8), name + ": resume");
            try (RunDirectory run = RunDirectory.open(tmp.resolve("straight-" + name));
                 FewShotSetup setup = FewShotSetup.load(c, files.cache()); PerturbationEngine engine = c.engine()) {
                float[] base = setup.model().parameters().snapshot();
                WeightReplay.toStep(c, run, setup.model().parameters(), engine, 8);
                assertArrayEquals(straight, setup.model().parameters().snapshot(), name + ": replay from the base model");
                assertFalse(java.util.Arrays.equals(base, straight), name + ": training moved θ");
            }
        }
    }

    /** Runs (or resumes) {@code dir} with a step clock that makes every step last exactly 20 ms. */
    private void clockedSession(FineTuneConfig c, Path dir, boolean resume, long stopAfter) {
        long[] now = {0};
        try (RunDirectory run = resume ? RunDirectory.open(dir) : RunDirectory.create(dir, c);
             FewShotSetup setup = FewShotSetup.load(c, files.cache())) {
            new TrainingLoop(c, setup, run, quiet(c.loop().steps()), () -> now[0] += 20_000_000L).run(resume, stopAfter);
        }
    }

    @Test
    void aTimeBudgetStopsTheRunScoresTheLastStepAndTracesTestAccuracy() throws IOException {
        FineTuneConfig c = config(files.model(), "zo-sgd", 1e-3, 1_000_000, 0, false, null, null, null,
                new BudgetConfig(0.51, true));
        Path dir = tmp.resolve("budget");
        clockedSession(c, dir, false, 3);                 // killed after step 3: the spent seconds carry over
        clockedSession(c, dir, true, 0);
        MetricsLog log = MetricsLog.read(dir.resolve("metrics.jsonl"));
        long last = log.steps().get(log.steps().size() - 1).step();
        assertEquals(26, last, "0.51 s of 20 ms steps: the 26th step passes the budget");
        List<Double> spent = Files.readAllLines(dir.resolve("metrics.jsonl")).stream()
                .filter(l -> l.contains("\"type\":\"step\""))
                .map(l -> Double.parseDouble(l.replaceAll(".*\"train_seconds\":([0-9.Ee-]+).*", "$1"))).toList();
        for (int i = 1; i < spent.size(); i++) {
            assertTrue(spent.get(i) > spent.get(i - 1), "train_seconds grows across the resume: " + spent);
        }
        assertTrue(spent.get(spent.size() - 1) >= 0.51 && spent.get(spent.size() - 2) < 0.51, spent.toString());
        assertEquals(last, log.devEvals().get(log.devEvals().size() - 1).step(), "the last step is evaluated on dev");
        List<EvalRecord> curve = log.evals().stream().filter(e -> e.split().equals(EvalRecord.TEST_CURVE)).toList();
        assertEquals(log.devEvals().size() - 1, curve.size(), "a test point at every dev evaluation after step 0");
        String summary = Files.readString(dir.resolve("summary.json"));
        assertTrue(summary.contains("completed") && summary.contains("\"steps\" : " + last), summary);
    }

    @Test
    void withBudgetEvaluationsTheBudgetAlsoCountsTheDevEvaluations() {
        FineTuneConfig c = config(files.model(), "zo-sgd", 1e-3, 1_000_000, 0, false, null, null, null,
                new BudgetConfig(0.51, false, true));
        Path dir = tmp.resolve("budget-evaluations");
        clockedSession(c, dir, false, 0);
        MetricsLog log = MetricsLog.read(dir.resolve("metrics.jsonl"));
        // 20 ms per step and per dev evaluation (every 3 steps): 20 steps + 6 evaluations pass 0.51 s
        assertEquals(20, log.steps().get(log.steps().size() - 1).step());
        assertEquals(0.5, log.steps().get(log.steps().size() - 2).trainSeconds(), 1e-9, "19 steps and 6 evaluations");
    }

    private static Map<String, Long> blockSizes(FewShotSetup setup) {
        Map<String, Long> sizes = new java.util.TreeMap<>();
        setup.model().parameters().blocks().forEach(b -> sizes.put(b.name(), b.size()));
        return sizes;
    }

    @Test
    void aRunKilledBetweenItsStepZeroEvaluationsResumesThem() throws IOException {
        FineTuneConfig c = config("zo-sgd", 1e-3, 3);
        Path straight = tmp.resolve("straight");
        session(c, straight, false, 0);
        Path killed = tmp.resolve("killed");
        session(c, killed, false, 1);
        Path metrics = killed.resolve("metrics.jsonl");
        List<String> lines = Files.readAllLines(metrics);
        Files.write(metrics, lines.subList(0, 1));      // only step 0's dev evaluation made it to disk
        assertTrue(lines.get(0).contains("\"split\":\"dev\""), lines.get(0));
        try (var files = Files.walk(killed.resolve("snapshots"))) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);        // nor any snapshot
            }
        }
        session(c, killed, true, 0);
        String zeroShot = "\"zero_shot_test_accuracy\"";
        String expected = line(straight.resolve("summary.json"), zeroShot);
        assertFalse(expected.contains("null"), expected);
        assertEquals(expected, line(killed.resolve("summary.json"), zeroShot));
        assertEquals(1, Files.readAllLines(metrics).stream()
                .filter(l -> l.contains("\"step\":0,") && l.contains("\"split\":\"dev\"")).count());
    }

    private static String line(Path file, String containing) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.contains(containing)).findFirst().orElseThrow();
    }

    @Test
    void logReplayFromTheBaseModelReproducesTheWeights() {
        FineTuneConfig c = config("zo-sgd", 1e-3, 12);
        Path dir = tmp.resolve("run");
        session(c, dir, false, 12);        // stop at the last step: θ stays the final θ, no best-restore
        float[] trained;
        float[] replayed;
        try (RunDirectory run = RunDirectory.open(dir); FewShotSetup setup = FewShotSetup.load(c, files.cache());
             PerturbationEngine engine = new PerturbationEngine(1, c.optimizer().noise(), c.optimizer().perturbation().toStructure())) {
            var store = setup.model().parameters();
            float[] base = store.snapshot();
            run.latestSnapshot(store).snapshot().orElseThrow().restoreInto(store);
            trained = store.snapshot();
            store.restore(base);
            var optimizer = c.method().create(store, engine, c.settings());
            run.replayLog().forEach(r -> optimizer.replay(StepLogCodec.decode(r, Double.NaN, Double.NaN)));
            replayed = store.snapshot();
            assertFalse(java.util.Arrays.equals(base, replayed), "training moved θ");
        }
        assertArrayEquals(trained, replayed);
    }

    @Test
    void completedRunWritesSummaryAndTestsTheBestWeights() throws IOException {
        FineTuneConfig c = config("zo-sgd", 1e-3, 6);
        Path dir = tmp.resolve("done");
        session(c, dir, false, 0);
        String summary = Files.readString(dir.resolve("summary.json"));
        assertTrue(summary.contains("\"status\"") && summary.contains("completed"), summary);
        List<String> lines = Files.readAllLines(dir.resolve("metrics.jsonl"));
        assertEquals(6, lines.stream().filter(l -> l.contains("\"type\":\"step\"")).count());
        assertTrue(lines.get(lines.size() - 1).contains("\"split\":\"test\""));
        assertTrue(Files.isRegularFile(dir.resolve("split").resolve("train.tsv")));
    }

    @Test
    void aHugeLearningRateDivergesWithAOneLineHint() {
        // An MLM's logits are unbounded: the loss explodes to ~1e37 after one step (and then saturates, g = 0).
        FineTuneConfig c = config(TinyModels.mlm(tmp.resolve("mlm")), "zo-sgd", 1e38, 20);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> session(c, tmp.resolve("nan"), false, 0));
        assertTrue(e.getMessage().contains("lower --lr"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void curvatureTrackingWritesTraceColumnsThatZoStabilityReads() throws IOException {
        // The tiny MLM's cross-entropy has a positive Hessian trace at these weights; 24 seeded probes resolve it
        // (4 gave a negative estimate, which zo stability rightly refuses).
        FineTuneConfig c = config(TinyModels.mlm(tmp.resolve("mlm")), "zo-sgd", 1e-3, 4, 2, true);
        Path dir = tmp.resolve("curv");
        session(c, dir, false, 0);
        List<String> curvature = Files.readAllLines(dir.resolve("metrics.jsonl")).stream()
                .filter(l -> l.contains("\"type\":\"curvature\"")).toList();
        assertEquals(2, curvature.size(), "steps 2 and 4");
        for (String field : new String[] {"\"trace\"", "\"trace_se\"", "\"threshold\"", "\"stability_s\""}) {
            assertTrue(curvature.get(1).contains(field), field + " in " + curvature.get(1));
        }
        String step = Files.readAllLines(dir.resolve("metrics.jsonl")).stream()
                .filter(l -> l.contains("\"type\":\"step\"")).findFirst().orElseThrow();
        assertTrue(step.contains("\"center_loss\"") && step.contains("\"trace_sample\""), step);

        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cl = dev.zotuner.tuner.cli.ZoCommand.commandLine();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(new java.io.StringWriter(), true));
        assertEquals(0, cl.execute("stability", "--from-run", dir.toString(), "--json"), out.toString());
        assertTrue(out.toString().contains("\"gd\""), out.toString());
    }

    /** The step lines and evaluations of a run as written, without wall times and resume markers. */
    private static List<String> logWithoutTimes(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("metrics.jsonl")).stream().filter(l -> !l.contains("\"type\":\"resume\""))
                .map(l -> l.replaceAll("\"(train_)?seconds\":[0-9.Ee-]+,?", "")).toList();
    }

    @Test
    void aStopRequestEndsTheRunAfterAWholeStepAndTheResumedRunEqualsTheUninterruptedOne() throws IOException {
        // Stops asked at different points: before a fused step (zo-sgd fuses step t+1's first probe into step t unless
        // t is evaluated or snapshotted), and on Adam's state.
        for (String optimizer : new String[] {"zo-sgd", "zo-adam"}) {
            FineTuneConfig c = config(optimizer, 1e-3, 12);
            Path straight = tmp.resolve("straight-" + optimizer);
            float[] expected = session(c, straight, false, 0);
            for (int askedAfter : new int[] {9, 11}) {
                Path dir = tmp.resolve("stopped-" + optimizer + "-" + askedAfter);
                int[] checks = {0};
                TrainingSummary s;
                try (RunDirectory run = RunDirectory.create(dir, c); FewShotSetup setup = FewShotSetup.load(c, files.cache())) {
                    s = new TrainingLoop(c, setup, run, quiet(12)).run(false, 0, () -> ++checks[0] > askedAfter);
                }
                String what = optimizer + ", asked after " + askedAfter + " checks";
                assertEquals("stopped", s.status(), what);
                assertTrue(s.steps() > 0 && s.steps() < 12, what + ": stopped at " + s.steps());
                MetricsLog log = MetricsLog.read(dir.resolve("metrics.jsonl"));
                assertEquals(s.steps(), log.steps().get(log.steps().size() - 1).step(), what + ": the log ends at the stop");
                assertFalse(Files.exists(dir.resolve("summary.json")), what);
                assertArrayEquals(expected, session(c, dir, true, 0), what);
                assertEquals(logWithoutTimes(straight), logWithoutTimes(dir), what);
            }
        }
    }
}
