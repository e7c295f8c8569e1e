package dev.zotuner.spark;

import dev.zotuner.tuner.cli.WorkerSteps;
import dev.zotuner.tuner.objective.Objective;
import dev.zotuner.tuner.optim.ProjectedGradient;
import dev.zotuner.tuner.optim.StepLog;
import dev.zotuner.tuner.optim.ZoOptimizer;
import dev.zotuner.tuner.run.RunDirectory;
import dev.zotuner.tuner.train.WeightReplay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The driver's side of a distributed run (n-SPSA, or any method {@code optim.StepSplit} allows), one Spark job per step: worker w (of W) probes directions
 * ⌊wn/W⌋ … ⌊(w+1)n/W⌋ − 1 of step t on its replica, after applying the logs of the steps it has not seen (normally
 * just t − 1: the previous step's (seed, g) pairs travel with the next job, FedKSeed, Qin et al. 2024); the driver
 * assembles the n (seed, g) pairs in direction order, applies them to its own θ with
 * {@link ZoOptimizer#applyEstimated} (the replay path, MeZO's seed trick, Malladi et al. 2023) and keeps the log. A
 * replica that is new or behind (a retried task on a fresh replica, a resumed run) answers with its step and gets the
 * logs from there in a second job of that worker alone.
 */
final class SparkStepSession implements WorkerSteps.Session {

    private static final int ROUNDS = 4;

    private final SparkApp app;
    private final String runId;
    private final RunDirectory run;
    private final String configJson;
    private final String cacheDir;
    private final int workers;
    private final int directions;
    private final long failOnceAtStep;
    private final List<LoggedStep> history = new ArrayList<>();
    private final long[] known;

    /** @param app the application, owned from now on (closed with the session) */
    SparkStepSession(SparkApp app, String runId, RunDirectory run, String configJson, String cacheDir, int workers,
                     int directions, long failOnceAtStep) {
        this.app = app;
        this.runId = runId;
        this.run = run;
        this.configJson = configJson;
        this.cacheDir = cacheDir;
        this.workers = Math.min(workers, directions);
        this.directions = directions;
        this.failOnceAtStep = failOnceAtStep;
        this.known = new long[this.workers];
    }

    /** The first direction of worker {@code w}'s share. */
    static int shareStart(int w, int workers, int directions) {
        return (int) ((long) w * directions / workers);
    }

    @Override
    public StepLog step(ZoOptimizer optimizer, Objective objective, int[] batch, boolean nextStepFollows) {
        // never fused: the driver applies the workers' (seed, g) pairs by replay, which starts and ends at θ_t
        long t = optimizer.steps();
        if (history.size() < t) {    // a resumed run: the workers need every step from the base model
            history.clear();
            WeightReplay.logged(run, t).forEach(l -> history.add(LoggedStep.of(l)));
        }
        if (history.size() != t) {
            throw new IllegalArgumentException("distributed step " + t + " after a log of " + history.size() + " steps");
        }
        ProbeTask.Result[] results = new ProbeTask.Result[workers];
        List<Integer> pending = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            pending.add(w);
        }
        for (int round = 0; round < ROUNDS && !pending.isEmpty(); round++) {
            List<ProbeTask> tasks = new ArrayList<>();
            for (int w : pending) {
                boolean fail = round == 0 && w == 0 && failOnceAtStep == t + 1;
                tasks.add(new ProbeTask(runId, w, configJson, cacheDir, t, batch, shareStart(w, workers, directions),
                        shareStart(w + 1, workers, directions), known[w], history.subList((int) known[w], (int) t), fail));
            }
            List<ProbeTask.Result> got;
            try {
                got = app.sc().parallelize(tasks, tasks.size()).map(ProbeTask::run).collect();
            } catch (Exception e) {     // the cluster gave up on the application, or Spark on a task: not a divergence
                Optional<String> cluster = app.systemic(e);
                if (cluster.isPresent()) {
                    throw new ClusterException(cluster.get());
                }
                throw new WorkerFailure("step " + (t + 1) + ": workers failed: " + SparkApp.firstLine(e), e);
            }
            pending = new ArrayList<>();
            for (ProbeTask.Result r : got) {
                if (r.behindAt() >= 0) {
                    known[r.slot()] = r.behindAt();
                    pending.add(r.slot());
                } else {
                    results[r.slot()] = r;
                    known[r.slot()] = t;
                }
            }
        }
        if (!pending.isEmpty()) {
            throw new WorkerFailure("step " + (t + 1) + ": workers " + pending + " did not catch up in " + ROUNDS + " rounds", null);
        }
        List<ProjectedGradient> dirs = new ArrayList<>(directions);
        for (ProbeTask.Result r : results) {
            for (int k = 0; k < r.seeds().length; k++) {
                dirs.add(new ProjectedGradient(r.seeds()[k], r.g()[k], r.lossPlus()[k], r.lossMinus()[k]));
            }
        }
        StepLog log = optimizer.applyEstimated(dirs);
        history.add(LoggedStep.of(log));
        return log;
    }

    /** The steps each worker slot's replica was last known at (for tests). */
    long[] known() {
        return Arrays.copyOf(known, known.length);
    }

    @Override
    public void close() {
        try {
            ReplicaRegistry.JVM.closeRun(runId);
        } finally {
            app.close();
        }
    }

    /** Spark gave up on a step's tasks (not a property of the run, so not reported as divergence). */
    static final class WorkerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WorkerFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
