package dev.zotuner.tuner.optim;

import dev.zotuner.models.Hold;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Objective;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The step all methods share (SPSA, Spall 1992; MeZO, Malladi et al. 2023): for each direction k,
 * one pass to θ+εz_k and one to θ−εz_k, each followed by a loss; then one fused pass that restores θ
 * and applies the method's element-wise update. MeZO's four passes become three (2n + 1 for n
 * directions, the restore of direction k fused into the probe of k+1), and z is regenerated from
 * its seed in every pass.
 *
 * <p>{@link Restoration#IN_PLACE}: probes θ ← θ+εz, θ ← θ−2εz; restore θ+εz inside the update.
 * {@link Restoration#SNAPSHOT}: the first probe pass also copies θ to a snapshot; probes and update
 * read it, so restoration is exact, and a replay needs only the update pass.
 */
abstract class TwoPointOptimizer implements ZoOptimizer {

    /** The element-wise update of one chunk; {@code t} holds the restored θ and receives the new θ. */
    @FunctionalInterface
    interface Update {
        void apply(Parameter p, int flat, int len, float[] t, float[][] z);
    }

    /** One step's inputs to the update. */
    record Step(long number, double lr, int block, List<Parameter> tensors, long[] seeds,
                List<ProjectedGradient> directions, boolean replaying) {
    }

    protected final ParameterStore store;
    protected final PerturbationEngine engine;
    protected final ZoSettings settings;
    protected final float eps;
    private final Restoration restoration;
    private final float[] snapshot;
    private long steps;
    private boolean pending;        // θ holds θ+εz of the next step's first direction (look-ahead)
    private long pendingSeed;
    private boolean lookAhead;      // the step's last pass also applies +εz of pendingSeed
    private float[] probeBackup;    // θ before probe(), reused across steps (a worker probes every step)

    TwoPointOptimizer(ParameterStore store, PerturbationEngine engine, ZoSettings settings, Restoration restoration) {
        this.store = store;
        this.engine = engine;
        this.settings = settings;
        this.eps = (float) settings.eps();
        this.restoration = restoration;
        this.snapshot = restoration == Restoration.SNAPSHOT ? StateArrays.floats(store, "--restoration snapshot", "copy of θ") : null;
    }

    /** Directions per step. */
    protected int directions() {
        return 1;
    }

    /** The block updated at {@code step}, or −1 for every tensor. */
    protected int block(long step) {
        return -1;
    }

    /** The method's update for this step. */
    protected abstract Update update(Step s);

    /** State buffers by name (flat store order); none by default. */
    protected Map<String, float[]> buffers() {
        return Map.of();
    }

    /** Applies the update (and any extra probing) after the directions are estimated; returns s of θ − s·η·d. */
    protected int finish(Step s, Objective objective, int[] batch, StepLog logged) {
        pass(s, update(s));
        return 1;
    }

    @Override
    public final ZoSettings settings() {
        return settings;
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final List<Parameter> tensorsAt(long step) {
        int b = block(step);
        return b < 0 ? store.parameters() : store.blocks().get(b).members();
    }

    /**
     * One step. Only this step's tensors change until it returns, so the objective may keep what the stages
     * upstream of them computed for the batch (shared-prefix MeZO-BCD: both probes start from one cut).
     */
    @Override
    public final StepLog step(Objective objective, int[] batch) {
        return step(objective, batch, false);
    }

    /**
     * Fuses the next step's θ+εz into this step's last pass when {@code nextStepFollows} and the method allows it
     * (in-place restoration, every tensor in both steps, an update that needs only the directions' losses).
     */
    @Override
    public final StepLog step(Objective objective, int[] batch, boolean nextStepFollows) {
        requireOwnStore(objective);
        StepLog log;
        try (Hold held = objective.holdFixedExcept(tensorsAt(steps))) {
            log = run(objective, batch, null, nextStepFollows && fusesLookAhead(steps));
        }
        steps++;
        return log;
    }

    @Override
    public final boolean lookAheadPending() {
        return pending;
    }

    private boolean fusesLookAhead(long t) {
        return restoration == Restoration.IN_PLACE && estimatesSuffice() && block(t) < 0 && block(t + 1) < 0;
    }

    private void requireOwnStore(Objective objective) {
        if (objective.parameters() != store) {
            throw new IllegalArgumentException(method().id() + ": the objective reads a different ParameterStore than the optimizer updates");
        }
    }

    /** The seeds of step {@code t}'s {@code n} directions (SplitMix64 of the run seed, {@link Seeds#direction}). */
    private long[] seedsOf(long t, int n) {
        long[] seeds = new long[n];
        for (int k = 0; k < n; k++) {
            seeds[k] = Seeds.direction(settings.runSeed(), t, k);
        }
        return seeds;
    }

    private void requireSettled(String what) {
        if (pending) {
            throw new IllegalStateException(method().id() + ": " + what + " while θ holds step " + steps
                    + "'s look-ahead probe; only that step may follow step(…, true)");
        }
    }

    @Override
    public final void replay(StepLog log) {
        requireSettled("replay");
        if (log.step() != steps) {
            throw new IllegalArgumentException(method().id() + ": step log is for step " + log.step() + " but the optimizer is at step " + steps);
        }
        if (log.block() >= store.blocks().size()) {
            throw new IllegalArgumentException(method().id() + ": step " + log.step() + " names block " + log.block()
                    + " but the store has " + store.blocks().size());
        }
        run(null, null, log, false);
        steps++;
    }

    /** Whether a step is fully determined by its directions' losses (no block choice, no extra probes). */
    protected boolean estimatesSuffice() {
        return true;
    }

    @Override
    public final List<ProjectedGradient> probe(Objective objective, int[] batch, int from, int to) {
        requireSettled("probe");
        if (!estimatesSuffice() || block(steps) >= 0) {
            return ZoOptimizer.super.probe(objective, batch, from, to);
        }
        requireOwnStore(objective);
        int n = directions();
        if (from < 0 || to > n || from > to) {
            throw new IllegalArgumentException(method().id() + ": directions " + from + ".." + to + " outside 0.." + n);
        }
        List<Parameter> tensors = store.parameters();
        long[] seeds = seedsOf(steps, n);
        if (probeBackup == null) {
            probeBackup = StateArrays.floats(store, "a worker's probe", "copy of θ");
        }
        float[] theta = store.snapshot(probeBackup);      // θ to put back exactly (in place, probes drift)
        List<ProjectedGradient> out = new ArrayList<>(to - from);
        // In place, direction k's probes start from θ−εz_{k−1}: its float32 drift is part of the losses, so the
        // passes of the directions before `from` run too (without losses). From a snapshot every probe reads θ.
        int first = restoration == Restoration.IN_PLACE ? 0 : from;
        try (Hold held = objective.holdFixedExcept(tensors)) {
            for (int k = first; k < to; k++) {
                toPlus(tensors, seeds, k, k == first);
                double plus = k >= from ? objective.loss(batch) : 0;
                toMinus(tensors, seeds[k]);
                double minus = k >= from ? objective.loss(batch) : 0;
                if (k >= from) {
                    out.add(ProjectedGradient.of(seeds[k], plus, minus, eps));
                }
            }
        } finally {
            store.restore(theta);
        }
        return out;
    }

    @Override
    public final StepLog applyEstimated(List<ProjectedGradient> directions) {
        requireSettled("applyEstimated");
        if (!estimatesSuffice() || block(steps) >= 0) {
            return ZoOptimizer.super.applyEstimated(directions);
        }
        long t = steps;
        if (directions.size() != directions()) {
            throw new IllegalArgumentException(method().id() + ": step " + t + " has " + directions() + " directions, got "
                    + directions.size());
        }
        long[] seeds = seedsOf(t, directions.size());
        for (int k = 0; k < directions.size(); k++) {
            ProjectedGradient pg = directions.get(k);
            if (pg.seed() != seeds[k]) {
                throw new IllegalArgumentException(method().id() + ": direction " + k + " of step " + t + " has seed "
                        + pg.seed() + ", not the step's own");
            }
            if (!Double.isFinite(pg.g())) {
                throw new NonFiniteLoss(method().id(), t, pg);
            }
        }
        StepLog log = new StepLog(t, settings.lr().at(t), -1, 1, directions);
        replay(log);
        return log;
    }

    private StepLog run(Objective objective, int[] batch, StepLog logged, boolean ahead) {
        boolean replaying = logged != null;
        long t = steps;
        double lr = replaying ? logged.lr() : settings.lr().at(t);
        int block = replaying ? logged.block() : block(t);
        List<Parameter> tensors = block < 0 ? store.parameters() : store.blocks().get(block).members();
        int n = replaying ? logged.directions().size() : directions();
        long[] seeds = replaying ? logged.directions().stream().mapToLong(ProjectedGradient::seed).toArray() : seedsOf(t, n);
        boolean probe = !replaying || restoration == Restoration.IN_PLACE;
        List<ProjectedGradient> directions = new ArrayList<>(n);
        if (pending && seeds[0] != pendingSeed) {
            throw new IllegalStateException(method().id() + ": step " + t + " starts with seed " + seeds[0]
                    + " but θ holds the look-ahead probe of seed " + pendingSeed);
        }
        for (int k = 0; k < n; k++) {
            if (probe && k == 0 && pending) {
                pending = false;                 // the previous step's last pass applied θ+εz_0 already
            } else if (probe) {
                toPlus(tensors, seeds, k, k == 0);
            }
            double plus = replaying ? 0 : objective.loss(batch);
            if (probe) {
                toMinus(tensors, seeds[k]);
            }
            double minus = replaying ? 0 : objective.loss(batch);
            directions.add(replaying ? logged.directions().get(k) : ProjectedGradient.of(seeds[k], plus, minus, eps));
        }
        Step s = new Step(t, lr, block, tensors, seeds, directions, replaying);
        for (ProjectedGradient pg : directions) {
            if (!Double.isFinite(pg.g())) {
                pass(s, (p, flat, len, theta, z) -> { });
                throw new NonFiniteLoss(method().id(), t, pg);
            }
        }
        long next = ahead ? Seeds.direction(settings.runSeed(), t + 1, 0) : 0;
        lookAhead = ahead;
        pendingSeed = next;
        int accepted;
        try {
            accepted = finish(s, objective, batch, logged);
        } finally {
            lookAhead = false;
        }
        pending = ahead;
        return new StepLog(t, lr, block, accepted, directions);
    }

    /**
     * θ+εz_k: from θ (k = 0) or from θ−εz_{k−1} (restore fused in); from the snapshot, which the pass first fills from
     * θ when {@code first}.
     */
    private void toPlus(List<Parameter> tensors, long[] seeds, int k, boolean first) {
        float e = eps;
        if (restoration == Restoration.SNAPSHOT) {
            float[] snap = snapshot;
            engine.pass(tensors, new long[] {seeds[k]}, (p, from, len, theta, z) -> {
                int flat = (int) p.offset() + from;
                if (first) {
                    System.arraycopy(theta, 0, snap, flat, len);
                }
                for (int i = 0; i < len; i++) {
                    theta[i] = Math.fma(e, z[0][i], snap[flat + i]);
                }
            });
        } else if (k == 0) {
            engine.perturb(tensors, seeds[0], e);
        } else {
            engine.pass(tensors, new long[] {seeds[k - 1], seeds[k]}, (p, from, len, theta, z) -> {
                for (int i = 0; i < len; i++) {
                    theta[i] = Math.fma(e, z[1][i], Math.fma(e, z[0][i], theta[i]));
                }
            });
        }
    }

    /** θ−εz from θ+εz. */
    private void toMinus(List<Parameter> tensors, long seed) {
        float e = eps;
        if (restoration == Restoration.SNAPSHOT) {
            float[] snap = snapshot;
            engine.pass(tensors, new long[] {seed}, (p, from, len, theta, z) -> {
                int flat = (int) p.offset() + from;
                for (int i = 0; i < len; i++) {
                    theta[i] = Math.fma(-e, z[0][i], snap[flat + i]);
                }
            });
        } else {
            engine.perturb(tensors, seed, -2 * e);
        }
    }

    /**
     * One fused pass: restore θ (unless already unperturbed), then {@code update}, then (look-ahead) the next step's
     * θ+εz: per element the same fma's, in the same order, as this pass followed by the next step's first.
     */
    protected final void pass(Step s, Update update) {
        boolean fromSnapshot = restoration == Restoration.SNAPSHOT && !s.replaying();
        boolean inPlace = restoration == Restoration.IN_PLACE;
        int last = s.seeds().length - 1;
        float e = eps;
        float[] snap = snapshot;
        boolean ahead = lookAhead;
        long[] seeds = s.seeds();
        if (ahead) {
            seeds = java.util.Arrays.copyOf(seeds, seeds.length + 1);
            seeds[seeds.length - 1] = pendingSeed;
        }
        int nextZ = seeds.length - 1;
        engine.pass(s.tensors(), seeds, (p, from, len, theta, z) -> {
            int flat = (int) p.offset() + from;
            if (fromSnapshot) {
                System.arraycopy(snap, flat, theta, 0, len);
            } else if (inPlace) {
                float[] zl = z[last];
                for (int i = 0; i < len; i++) {
                    theta[i] = Math.fma(e, zl[i], theta[i]);
                }
            }
            update.apply(p, flat, len, theta, z);
            if (ahead) {
                float[] zn = z[nextZ];
                for (int i = 0; i < len; i++) {
                    theta[i] = Math.fma(e, zn[i], theta[i]);
                }
            }
        });
    }

    @Override
    public final OptimizerState state() {
        requireSettled("state");
        return new OptimizerState(method().id(), steps, buffers());
    }

    @Override
    public final void restore(OptimizerState state) {
        if (!state.method().equals(method().id())) {
            throw new IllegalArgumentException("optimizer state is for " + state.method() + ", this optimizer is " + method().id());
        }
        Map<String, float[]> mine = buffers();
        if (!state.buffers().keySet().equals(mine.keySet())) {
            throw new IllegalArgumentException("optimizer state has buffers " + state.buffers().keySet() + ", " + method().id() + " needs " + mine.keySet());
        }
        for (Map.Entry<String, float[]> b : mine.entrySet()) {
            float[] saved = state.buffers().get(b.getKey());
            if (saved.length != b.getValue().length) {
                throw new IllegalArgumentException("optimizer state buffer " + b.getKey() + " has " + saved.length
                        + " values, the store has " + b.getValue().length);
            }
            System.arraycopy(saved, 0, b.getValue(), 0, saved.length);
        }
        steps = state.steps();
    }

    @Override
    public final long memoryBytes() {
        long bytes = snapshot == null ? 0 : 4L * snapshot.length;
        for (float[] b : buffers().values()) {
            bytes += 4L * b.length;
        }
        return bytes;
    }

    /** g_k · (1/n) as float, the per-direction weight of the averaged estimate. */
    static float[] averagedG(Step s) {
        int n = s.directions().size();
        float[] g = new float[n];
        for (int k = 0; k < n; k++) {
            g[k] = (float) (s.directions().get(k).g() / n);
        }
        return g;
    }
}
