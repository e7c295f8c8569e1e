package dev.zotuner.tuner.train;

import dev.zotuner.eval.ClassificationScores;
import dev.zotuner.models.Hold;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.curvature.CurvatureTracker;
import dev.zotuner.tuner.curvature.HutchinsonOptions;
import dev.zotuner.tuner.curvature.Preconditioner;
import dev.zotuner.tuner.curvature.RunningTrace;
import dev.zotuner.tuner.optim.LossExplosion;
import dev.zotuner.tuner.optim.NonFiniteLoss;
import dev.zotuner.tuner.optim.ProjectedGradient;
import dev.zotuner.tuner.optim.StepLog;
import dev.zotuner.tuner.optim.ZoOptimizer;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.run.ProgressBar;
import dev.zotuner.tuner.run.RunDirectory;
import dev.zotuner.tuner.rundir.EvalRecord;
import dev.zotuner.tuner.rundir.StepLogCodec;
import dev.zotuner.tuner.rundir.StepRecord;
import dev.zotuner.tuner.stability.ZoDynamics;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * MeZO-style fine-tuning (Malladi et al. 2023, Algorithm 1): per step a seeded two-point estimate on a
 * mini-batch, the update, the step line in {@code metrics.jsonl} (which doubles as the replay log), dev
 * evaluation with the best weights kept, periodic snapshots, optional curvature tracking, and at the end
 * the test score of the best weights.
 *
 * <p>A run resumes from its newest snapshot plus a replay of the logged steps after it, so the weights
 * are bit-identical to an uninterrupted run. Borrows the setup and run directory.
 */
public final class TrainingLoop {

    private final FineTuneConfig config;
    private final FewShotSetup setup;
    private final RunDirectory run;
    private final ProgressBar progress;
    private final ParameterStore store;
    private final Runnable restoreBase;
    private final MiniBatches batches;
    private final TrainingState state;
    private final LongSupplier stepClock;
    private final StepRunner steps;
    private final HeadTraining head;
    private double firstLoss = Double.NaN;

    public TrainingLoop(FineTuneConfig config, FewShotSetup setup, RunDirectory run, ProgressBar progress) {
        this(config, setup, run, progress, StepRunner.LOCAL);
    }

    /** @param steps how a step is taken: here, or with its directions estimated by workers ({@link StepRunner}) */
    public TrainingLoop(FineTuneConfig config, FewShotSetup setup, RunDirectory run, ProgressBar progress, StepRunner steps) {
        this(config, setup, run, progress, System::nanoTime, steps);
    }

    /** @param stepClock monotonic nanoseconds that time the steps (what {@code --time-budget} counts) */
    TrainingLoop(FineTuneConfig config, FewShotSetup setup, RunDirectory run, ProgressBar progress, LongSupplier stepClock) {
        this(config, setup, run, progress, stepClock, StepRunner.LOCAL);
    }

    private TrainingLoop(FineTuneConfig config, FewShotSetup setup, RunDirectory run, ProgressBar progress,
                         LongSupplier stepClock, StepRunner steps) {
        this.steps = steps;
        this.stepClock = stepClock;
        this.config = config;
        this.setup = setup;
        this.run = run;
        this.progress = progress;
        this.store = setup.model().parameters();
        this.restoreBase = setup.model()::restoreBase;   // re-read from the model's files: no copy of θ is kept
        this.batches = new MiniBatches(setup.objective().size(), config.loop().batch(), config.seed());
        this.state = new TrainingState(run, store, config.loop().selection());
        this.head = HeadTraining.of(config, setup, run);
        if (head != null && steps != StepRunner.LOCAL) {
            throw new IllegalArgumentException("--head " + config.prompt().head().method()
                    + " trains the head on this process's probes: it cannot split steps between workers");
        }
    }

    /**
     * Runs steps until {@code config.loop().steps()} or {@code stopAfter} (0 = no early stop).
     *
     * @param resume continue the run directory's logged steps instead of starting at the base model
     */
    public TrainingSummary run(boolean resume, long stopAfter) {
        return run(resume, stopAfter, () -> false);
    }

    /**
     * As {@link #run(boolean, long)}, and ends "stopped" (resumably) at the first step boundary after {@code stop} turns
     * true (SIGTERM): the step under way and its evaluations complete, θ of the last step is saved unless the run
     * directory can rebuild it already, and {@code --resume} continues exactly as the uninterrupted run would have.
     */
    public TrainingSummary run(boolean resume, long stopAfter, BooleanSupplier stop) {
        try (PerturbationEngine engine = config.engine()) {
            ZoOptimizer optimizer = config.optimizer(store, engine);
            long start = resume ? state.resume(optimizer, restoreBase, head == null ? Long.MAX_VALUE
                    : head.newestCheckpoint()) : begin();
            if (head != null) {
                head.resumeAt(start);
            }
            if (start == 0 && !stop.getAsBoolean()) {
                scoreBase();    // a run killed during its step-0 evaluations resumes them
            }
            CurvatureTracker tracker = config.loop().curvatureEvery() == 0 ? null : new CurvatureTracker(engine,
                    new CurvatureTracker.Options((int) config.loop().curvatureEvery(), config.loop().probes(), HutchinsonOptions.DEFAULT_H,
                            config.seed() ^ 0x7472616365L, config.loop().ritzDirections()));
            RunningTrace running = config.loop().centerLoss() ? new RunningTrace(0.99) : null;
            long end = stopAfter > 0 ? Math.min(config.loop().steps(), stopAfter) : config.loop().steps();
            long last = start;
            boolean outOfTime = config.loop().budget().exhausted(state.trainSeconds());
            boolean stopped = false;
            for (long t = start + 1; t <= end && !outOfTime; t++) {
                if (stop.getAsBoolean() && !optimizer.lookAheadPending()) {
                    stopped = true;
                    break;
                }
                // once stopping, step t is the last: it does not fuse step t + 1's first probe into θ
                outOfTime = step(optimizer, tracker, running, t, stop.getAsBoolean() ? t : end);
                last = t;
            }
            if (stopped || last < config.loop().steps() && !outOfTime) {
                long at = stopped ? last : end;
                if (!stopped || last > start) {
                    if (head != null) {
                        head.checkpoint(at, state.bestStep());
                    }
                    run.snapshot(at, store, optimizer::saveState);
                }
                progress.finish();
                return state.summary("stopped", at, Double.NaN, Double.NaN, "");
            }
            progress.finish();
            return finish(engine, optimizer, last);
        }
    }

    /** Step 0: the split (the base model's scores follow in {@link #scoreBase}). */
    private long begin() {
        setup.split().writeTo(run.splitDirectory());
        return 0;
    }

    /** The base model's dev and test scores at step 0, those not logged yet; θ is the base model. */
    private void scoreBase() {
        if (!state.hasBaseDev()) {
            ClassificationScores dev = setup.classifier().score(setup.split().dev());
            run.metrics().eval(new EvalRecord(0, EvalRecord.DEV, dev.accuracy(), dev.macroF1(), dev.loss()));
            state.baseDev(dev.accuracy(), dev.loss());
        }
        if (!state.hasBaseTest()) {
            ClassificationScores test = setup.classifier().score(setup.split().test());
            run.metrics().eval(new EvalRecord(0, "test", test.accuracy(), test.macroF1(), test.loss()));
            state.baseTest(test.accuracy());
        }
        progress.devAccuracy(state.bestDev());
    }

    /** Step {@code t}, its log line, evaluations and snapshot; true when the time budget is spent. */
    private boolean step(ZoOptimizer optimizer, CurvatureTracker tracker, RunningTrace running, long t, long end) {
        int[] batch = batches.at(t - 1);
        double centre;
        StepLog log;
        long started = stepClock.getAsLong();
        if (head != null) {
            head.beforeStep(t);
        }
        try (Hold held = setup.objective().holdFixedExcept(optimizer.tensorsAt(optimizer.steps()))) {   // the centre shares the cut
            centre = running == null ? Double.NaN : setup.objective().loss(batch);
            if (head != null) {
                setup.objective().recordHeadGradients();    // the probes' gradients only, not the centre's
            }
            log = steps.step(optimizer, setup.objective(), batch, nextStepFollows(t, end, tracker, running));
        } catch (NonFiniteLoss e) {
            throw state.diverged(t, optimizer, config, e);
        }
        if (head != null) {
            head.afterStep();   // held fixed for every probe, then one exact step on their embeddings
        }
        state.trained(stepClock.getAsLong() - started);
        boolean outOfTime = config.loop().budget().exhausted(state.trainSeconds());
        ProjectedGradient pg = log.directions().get(0);
        if (config.loop().objective() == FewShotObjective.Kind.CROSS_ENTROPY && LossExplosion.exceeded(log.loss(), firstLoss(log))) {
            throw state.diverged(t, optimizer, config, new IllegalStateException(config.method().id() + ": step " + t
                    + ": loss " + log.loss() + " exploded (over " + LossExplosion.FACTOR + "× the first step's)"), false);
        }
        double sample = running == null ? Double.NaN : running.add(pg.lossPlus(), pg.lossMinus(), centre, config.optimizer().eps());
        run.metrics().step(new StepRecord(t, pg.lossPlus(), pg.lossMinus(), pg.g(), log.lr(), state.seconds(), centre,
                sample, running == null ? Double.NaN : running.mean(), state.trainSeconds()), pg.seed(),
                StepLogCodec.extras(log));
        if (tracker != null) {
            tracker.observeStep(pg.seed());
            tracker.afterStep(t, setup.objective(), batches.all(), dynamics(), log.lr(), preconditioner(optimizer))
                    .ifPresent(record -> run.metrics().curvature(record.step(), record.toMap()));
        }
        progress.update(t, log.loss());
        boolean evaluated = t % config.loop().evalEvery() == 0 || t == config.loop().steps() || outOfTime;
        if (evaluated) {
            optimizer.exchangeCheckpoint();     // θ := the checkpoint of step t (--average: θ̄_t), scored and kept if best
            try {
                evaluate(t);
            } finally {
                optimizer.exchangeCheckpoint();
            }
        }
        if (head != null && (evaluated || t % config.loop().snapshotEvery() == 0)) {
            head.checkpoint(t, state.bestStep());     // before θ's snapshot: a resumed run needs both
        }
        if (t % config.loop().snapshotEvery() == 0) {
            run.snapshot(t, store, optimizer::saveState);
        }
        return outOfTime;
    }

    /** Step {@code t}'s dev evaluation (the checkpoint kept if it is the best so far) and its test-curve point. */
    private void evaluate(long t) {
        long evalStarted = config.loop().budget().evaluations() ? stepClock.getAsLong() : 0;
        ClassificationScores dev = setup.classifier().score(setup.split().dev());
        run.metrics().eval(new EvalRecord(t, EvalRecord.DEV, dev.accuracy(), dev.macroF1(), dev.loss()));
        state.devScore(t, dev.accuracy(), dev.loss());
        if (config.loop().budget().evaluations()) {
            state.trained(stepClock.getAsLong() - evalStarted);   // counted by the next step line's train_seconds
        }
        progress.devAccuracy(dev.accuracy());
        if (config.loop().budget().testCurve()) {
            ClassificationScores test = setup.classifier().score(setup.split().test());
            run.metrics().eval(new EvalRecord(t, EvalRecord.TEST_CURVE, test.accuracy(), test.macroF1(), test.loss()));
        }
    }

    /**
     * Whether θ's next reader after step {@code t} is step t+1 itself (no evaluation, snapshot, curvature, centre loss
     * or stop after t): then the optimizer may fuse step t+1's first probe into step t's last pass. A time budget may
     * stop after any step, so it turns fusing off.
     */
    private boolean nextStepFollows(long t, long end, CurvatureTracker tracker, RunningTrace running) {
        return t < end && t % config.loop().evalEvery() != 0 && t % config.loop().snapshotEvery() != 0
                && (tracker == null || !tracker.due(t)) && running == null && config.loop().budget().seconds() == 0;
    }

    private double firstLoss(StepLog log) {
        if (Double.isNaN(firstLoss)) {
            firstLoss = log.loss();
        }
        return firstLoss;
    }

    /**
     * Best weights back in θ (θ is the iterate of step {@code last}), their test score (a test line with the best step: the
     * checkpoint it scores), the summary.
     */
    private TrainingSummary finish(PerturbationEngine engine, ZoOptimizer optimizer, long last) {
        optimizer.exchangeCheckpoint();     // θ := the checkpoint of the last step
        state.restoreBest(config, engine, restoreBase, last);
        if (head != null) {
            head.restore(state.bestStep());
        }
        ClassificationScores test = setup.classifier().score(setup.split().test());
        run.metrics().eval(new EvalRecord(state.bestStep(), "test", test.accuracy(), test.macroF1(), test.loss()));
        TrainingSummary summary = state.summary("completed", last, test.accuracy(), test.macroF1(), "");
        run.writeSummary(summary);
        return summary;
    }

    /** The linearised dynamics the stability threshold refers to. */
    private ZoDynamics dynamics() {
        return config.method().dynamics(config.settings());
    }

    private Preconditioner preconditioner(ZoOptimizer optimizer) {
        return config.method().preconditioner(optimizer, config.settings());
    }

    /** Messages about snapshots skipped on resume. */
    public List<String> warnings() {
        return state.warnings();
    }
}
