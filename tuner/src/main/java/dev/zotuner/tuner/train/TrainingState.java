package dev.zotuner.tuner.train;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.optim.ZoOptimizer;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.run.LatestSnapshot;
import dev.zotuner.tuner.run.Resumption;
import dev.zotuner.tuner.run.RunDirectory;
import dev.zotuner.tuner.run.Snapshot;
import dev.zotuner.tuner.rundir.EvalRecord;
import dev.zotuner.tuner.rundir.ReplayStep;
import dev.zotuner.tuner.rundir.StepLogCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bookkeeping of a run across sessions: wall time, the best dev score and its weights (kept on disk,
 * {@link RunDirectory#saveBest}, not as a second copy of θ in memory), resuming from snapshot + replay,
 * reconstructing the best weights by replay when no intact copy of them is on disk, and the summary. One per
 * {@link TrainingLoop}.
 */
final class TrainingState {

    private final RunDirectory run;
    private final ParameterStore store;
    private final CheckpointSelection selection;
    private final long startNanos = System.nanoTime();
    private final List<String> warnings = new ArrayList<>();
    private double secondsBefore;
    private double trainSeconds;
    private boolean baseScored;
    private double bestKey = Double.NEGATIVE_INFINITY;   // the selection's statistic at bestStep; −∞: no candidate yet
    private double bestDev = Double.NEGATIVE_INFINITY;   // dev accuracy at bestStep
    private long bestStep;
    private double zeroShotTest = Double.NaN;

    TrainingState(RunDirectory run, ParameterStore store, CheckpointSelection selection) {
        this.run = run;
        this.store = store;
        this.selection = selection;
    }

    /** Wall time over all sessions of this run. */
    double seconds() {
        return secondsBefore + (System.nanoTime() - startNanos) / 1e9;
    }

    /** Seconds spent in steps over all sessions of this run (evaluations and snapshots not counted). */
    double trainSeconds() {
        return trainSeconds;
    }

    /** Adds the duration of one step. */
    void trained(long nanos) {
        trainSeconds += nanos / 1e9;
    }

    /** Messages about snapshots skipped on resume. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Step 0's dev scores of the base model: the first best, and the fallback when no evaluation is a candidate. */
    void baseDev(double accuracy, double loss) {
        baseScored = true;
        bestDev = accuracy;
        bestStep = 0;
        bestKey = selection.candidate(0) ? selection.key(accuracy, loss) : Double.NEGATIVE_INFINITY;
    }

    /** Step 0's test score of the base model. */
    void baseTest(double accuracy) {
        zeroShotTest = accuracy;
    }

    /** The step of the selected checkpoint so far (0: the base model). */
    long bestStep() {
        return bestStep;
    }

    /** The dev accuracy of the selected checkpoint so far. */
    double bestDev() {
        return bestDev;
    }

    /** Whether step 0's dev score is known (logged before a kill, or measured in this session). */
    boolean hasBaseDev() {
        return baseScored;
    }

    /** Whether step 0's test score is known. */
    boolean hasBaseTest() {
        return !Double.isNaN(zeroShotTest);
    }

    /** Keeps θ if it is a candidate and the best on dev so far (first best wins ties). */
    void devScore(long step, double accuracy, double loss) {
        if (better(step, accuracy, loss)) {
            run.saveBest(step, store);
        }
    }

    /** Whether the checkpoint of {@code step} becomes the selected one (then it is). */
    private boolean better(long step, double accuracy, double loss) {
        double key = selection.key(accuracy, loss);
        if (!selection.candidate(step) || !(key > bestKey)) {
            return false;
        }
        bestKey = key;
        bestDev = accuracy;
        bestStep = step;
        return true;
    }

    /**
     * Restores the newest snapshot (or keeps the base weights), replays the logged steps after it, cuts the
     * log back to the last replayed step, and recovers the best dev score so far.
     *
     * @return the step to continue after
     */
    long resume(ZoOptimizer optimizer, Runnable restoreBase) {
        return resume(optimizer, restoreBase, Long.MAX_VALUE);
    }

    /**
     * As {@link #resume(ZoOptimizer, Runnable)}, continuing after step {@code limit} at the latest (a run with a trained
     * head continues from its newest head checkpoint: the logged steps after it are redone).
     */
    long resume(ZoOptimizer optimizer, Runnable restoreBase, long limit) {
        List<ReplayStep> log = run.replayLog();
        LatestSnapshot latest = run.latestSnapshot(store);
        warnings.addAll(latest.warnings());
        Optional<Snapshot> newest = latest.snapshot().filter(s -> s.step() <= limit);
        if (newest.isPresent()) {
            Snapshot s = newest.get();
            s.restoreInto(store);
            try {
                if (s.stateFile().isPresent()) {
                    optimizer.loadState(s.stateFile().get());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("snapshot " + s.weightsFile() + ": optimizer state unreadable: " + e.getMessage(), e);
            }
        } else {
            restoreBase.run();
        }
        long last = optimizer.steps();
        for (ReplayStep r : log) {
            if (r.step() <= last) {
                continue;
            }
            if (r.step() > limit) {
                break;
            }
            if (r.step() != last + 1) {
                throw new IllegalStateException(run.path().resolve("metrics.jsonl") + ": step " + (last + 1)
                        + " is missing from the log (next logged step is " + r.step() + ")");
            }
            optimizer.replay(StepLogCodec.decode(r, Double.NaN, Double.NaN));
            last = r.step();
        }

        Resumption resumption = run.resumeAt(last);
        secondsBefore = resumption.seconds();
        trainSeconds = resumption.trainSeconds();
        for (EvalRecord e : resumption.metrics().devEvals()) {
            if (e.step() == 0 && !baseScored) {
                baseDev(e.accuracy(), e.loss());
            } else {
                better(e.step(), e.accuracy(), e.loss());
            }
        }
        for (EvalRecord e : resumption.metrics().testEvals()) {
            if (e.step() == 0) {
                zeroShotTest = e.accuracy();
                break;      // the first: a finished run's final line names its best step, which may be 0 too
            }
        }
        return last;
    }

    /** Puts the best dev checkpoint into θ (θ is the checkpoint of step {@code current}). */
    void restoreBest(FineTuneConfig config, PerturbationEngine engine, Runnable restoreBase, long current) {
        if (bestStep == current) {
            return;
        }
        Optional<Snapshot> kept = bestStep == 0 ? Optional.empty() : run.best(bestStep, store);
        if (kept.isPresent()) {
            try {
                kept.get().restoreInto(store);
                return;
            } catch (RuntimeException e) {
                // changed since it was verified: rebuild by replay below
            }
        }
        restoreBase.run();
        WeightReplay.toStep(config, run, store, engine, bestStep);
    }

    /** A loss that is not finite: keep the last good state, record it, and say what to lower. */
    IllegalStateException diverged(long step, ZoOptimizer optimizer, FineTuneConfig config, RuntimeException cause) {
        return diverged(step, optimizer, config, cause, true);
    }

    /** @param restored whether θ is the state before step {@code step} (else it is not worth keeping) */
    IllegalStateException diverged(long step, ZoOptimizer optimizer, FineTuneConfig config, RuntimeException cause,
                                   boolean restored) {
        String where = "; the newest snapshot in " + run.path().resolve("snapshots") + " is kept";
        if (restored && step > 1) {
            try {
                run.snapshot(step - 1, store, optimizer::saveState);
                where = "; weights of step " + (step - 1) + " saved in " + run.path().resolve("snapshots");
            } catch (RuntimeException e) {
                // a snapshot of this step exists already: it is kept
            }
        }
        String message = "diverged at step " + step + ": " + cause.getMessage() + where + "; lower --lr (now "
                + config.optimizer().lr() + ") or --eps (now " + config.optimizer().eps() + ") and start a new run";
        run.writeSummary(summary("diverged", step - 1, Double.NaN, Double.NaN, message));
        return new IllegalStateException(message, cause);
    }

    TrainingSummary summary(String status, long steps, double testAccuracy, double testMacroF1, String message) {
        return new TrainingSummary(status, steps, bestStep, bestDev, testAccuracy, testMacroF1, zeroShotTest,
                seconds(), message);
    }
}
