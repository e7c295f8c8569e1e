package dev.zotuner.tuner.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.eval.ClassificationScores;
import dev.zotuner.eval.HeadWeights;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.tuner.optim.BlockOrder;
import dev.zotuner.tuner.optim.LearningRate;
import dev.zotuner.tuner.optim.Restoration;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.run.ProgressBar;
import dev.zotuner.tuner.run.RunDirectory;
import dev.zotuner.tuner.rundir.EvalRecord;
import dev.zotuner.tuner.rundir.HeadCheckpoint;
import dev.zotuner.tuner.rundir.MetricsLog;
import dev.zotuner.tuner.rundir.StepRecord;
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

/** The prototype head trained beside ZO: what a step does with it, and that resume, best and replay rebuild it. */
class HeadTrainingTest {

    @TempDir
    Path tmp;
    private TinyRun files;

    @BeforeEach
    void data() {
        files = TinyRun.encoder(tmp, 10,
                List.of("loved the film", "best acting ever", "really fun story", "good plot"),
                List.of("hated the film", "worst plot ever", "very boring story", "bad acting"));
    }

    private FineTuneConfig config(Path model, HeadConfig head, long steps) {
        return new FineTuneConfig(7,
                new ModelSettings(model.toString(), null, null, null, null, 64, null, null, null),
                new TaskSettings(files.train().toString(), files.test(), "sentence", "label", true, List.of(), 4, 0),
                new PromptSettings(TinyRun.TEMPLATE, Map.of("neg", "terrible", "pos", "great"), 20, head),
                new OptimizerSettings(ZoMethod.ZO_SGD, 1e-3, LearningRate.Decay.CONSTANT, 1e-3, 0, 0.9, 0.9, 0.999, 1,
                        BlockOrder.CYCLIC, Restoration.IN_PLACE, NoiseKind.GAUSSIAN, null, 2),
                new LoopSettings(steps, 4, FewShotObjective.Kind.CROSS_ENTROPY, 3, 4, 0, 24, 0, false, null),
                null);
    }

    private FineTuneConfig config(HeadConfig head, long steps) {
        return config(files.model(), head, steps);
    }

    private static ProgressBar quiet() {
        return new ProgressBar(new PrintStream(new ByteArrayOutputStream()), 0, 1, false, System::nanoTime);
    }

    /** Runs (or resumes) {@code dir}; returns θ at the end of the session. */
    private float[] session(FineTuneConfig c, Path dir, boolean resume, long stopAfter) {
        try (RunDirectory run = resume ? RunDirectory.open(dir) : RunDirectory.create(dir, c);
             FewShotSetup setup = FewShotSetup.load(c, files.cache())) {
            new TrainingLoop(c, setup, run, quiet()).run(resume, stopAfter);
            return setup.model().parameters().snapshot();
        }
    }

    private static HeadCheckpoint head(Path dir, long step) {
        try (RunDirectory run = RunDirectory.open(dir)) {
            return run.heads().read(step).orElseThrow();
        }
    }

    private static List<double[]> stepLosses(Path dir) {
        return MetricsLog.read(dir.resolve("metrics.jsonl")).steps().stream()
                .map(s -> new double[] {s.lossPlus(), s.lossMinus(), s.projectedGrad()}).toList();
    }

    private static final HeadConfig HEAD = new HeadConfig(HeadConfig.PROTOTYPE, 0.05, 0.1, 0);

    @Test
    void stepZeroScoresTheZeroShotHeadAndTheTrainedHeadMovesAfterIt() {
        Path plain = tmp.resolve("plain");
        Path trained = tmp.resolve("trained");
        session(config(null, 6), plain, false, 0);
        session(config(HEAD, 6), trained, false, 0);
        List<EvalRecord> a = MetricsLog.read(plain.resolve("metrics.jsonl")).evals();
        List<EvalRecord> b = MetricsLog.read(trained.resolve("metrics.jsonl")).evals();
        assertEquals(a.get(0), b.get(0), "step 0 dev: the zero-shot head is the similarity head");
        assertEquals(a.get(1), b.get(1), "step 0 test");
        StepRecord first = MetricsLog.read(trained.resolve("metrics.jsonl")).steps().get(0);
        StepRecord firstPlain = MetricsLog.read(plain.resolve("metrics.jsonl")).steps().get(0);
        assertNotEquals(firstPlain.lossPlus(), first.lossPlus(), "label prompts are no longer re-embedded at θ+εz");
        HeadCheckpoint h = head(trained, 6);
        assertEquals(6, h.updates(), "one head update per step");
        assertNotEquals(h.initialPrototypes()[0][0], h.prototypes()[0][0]);
        assertTrue(Files.notExists(plain.resolve(HeadCheckpoint.DIR)), "no head, no head directory");
        String config = Files.exists(plain.resolve("config.json")) ? read(plain.resolve("config.json")) : "";
        assertTrue(!config.contains("\"head\""), "config.json of a run without a head has no head field");
        assertTrue(read(trained.resolve("config.json")).contains("\"head\" : {"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aKilledRunResumesFromItsNewestHeadCheckpointBitForBit() throws IOException {
        for (int warmup : new int[] {0, 5}) {
            FineTuneConfig c = config(new HeadConfig(HeadConfig.PROTOTYPE, 0.05, 0.1, warmup), 10);
            Path straight = tmp.resolve("straight-" + warmup);
            float[] expected = session(c, straight, false, 0);
            Path split = tmp.resolve("split-" + warmup);
            session(c, split, false, 5);       // stopped after step 5: head checkpoints of steps 3, 4 and 5
            float[] resumed = session(c, split, true, 0);
            assertArrayEquals(expected, resumed, "θ, warm-up " + warmup);
            assertEquals(stepLosses(straight).size(), stepLosses(split).size());
            for (int i = 0; i < stepLosses(straight).size(); i++) {
                assertArrayEquals(stepLosses(straight).get(i), stepLosses(split).get(i), 0.0, "step " + (i + 1));
            }
            assertEquals(HeadTrainer.State.of(head(straight, 10)), HeadTrainer.State.of(head(split, 10)));
            assertEquals(HeadTrainer.State.of(head(straight, 10)), HeadTrainer.State.of(head(killed(c, warmup), 10)));

            Path killed = tmp.resolve("killed-" + warmup);
            assertArrayEquals(expected, lastTheta, "steps after the newest head checkpoint are redone");
            for (int i = 0; i < stepLosses(straight).size(); i++) {
                assertArrayEquals(stepLosses(straight).get(i), stepLosses(killed).get(i), 0.0, "step " + (i + 1));
            }
        }
    }

    private float[] lastTheta;

    /** Killed between checkpoints: the log runs past the newest head (step 7 of a run with checkpoints at 6), resumed. */
    private Path killed(FineTuneConfig c, int warmup) throws IOException {
        Path killed = tmp.resolve("killed-" + warmup);
        session(c, killed, false, 7);
        Files.delete(killed.resolve(HeadCheckpoint.DIR).resolve("step-7.json"));
        lastTheta = session(c, killed, true, 0);
        return killed;
    }

    @Test
    void theWarmUpTrainsTheHeadBeforeTheFirstStepOnly() {
        Path cold = tmp.resolve("cold");
        Path warm = tmp.resolve("warm");
        session(config(HEAD, 3), cold, false, 0);
        session(config(new HeadConfig(HeadConfig.PROTOTYPE, 0.05, 0.1, 20), 3), warm, false, 0);
        assertEquals(3, head(cold, 3).updates());
        assertEquals(23, head(warm, 3).updates());
        assertNotEquals(stepLosses(cold).get(0)[0], stepLosses(warm).get(0)[0], "step 1's probes see the warm head");
    }

    @Test
    void theFinalTestScoresTheBestStepsWeightsWithTheBestStepsHead() {
        FineTuneConfig c = config(new HeadConfig(HeadConfig.PROTOTYPE, 0.2, 0, 10), 12);
        Path dir = tmp.resolve("best");
        TrainingSummary summary;
        try (RunDirectory run = RunDirectory.create(dir, c); FewShotSetup setup = FewShotSetup.load(c, files.cache())) {
            summary = new TrainingLoop(c, setup, run, quiet()).run(false, 0);
        }
        long best = summary.bestStep();
        try (RunDirectory run = RunDirectory.open(dir); FewShotSetup setup = FewShotSetup.load(c, files.cache());
             var engine = c.engine()) {
            WeightReplay.toStep(c, run, setup.model().parameters(), engine, best);
            if (best > 0) {
                HeadCheckpoint h = run.heads().read(best).orElseThrow();
                setup.objective().trainedHead().orElseThrow().set(new HeadWeights(h.prototypes(), h.bias()));
            }
            ClassificationScores test = setup.classifier().score(setup.split().test());
            assertEquals(summary.testAccuracy(), test.accuracy(), 0.0, "best step " + best);
            List<Long> kept = run.heads().steps();
            assertTrue(kept.contains(12L) && (best == 0 || kept.contains(best)) && kept.size() <= 3, kept.toString());
        }
    }

    @Test
    void aModelWithLabelWordLogitsRefusesThePrototypeHead() {
        FineTuneConfig c = config(TinyModels.mlm(tmp.resolve("mlm")), HEAD, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FewShotSetup.load(c, files.cache()));
        assertTrue(e.getMessage().contains("needs a sentence encoder"), e.getMessage());
    }
}
