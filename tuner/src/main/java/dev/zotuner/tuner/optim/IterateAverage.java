package dev.zotuner.tuner.optim;

import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Objective;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Iterate averaging around any {@link ZoOptimizer} (Polyak &amp; Juditsky, "Acceleration of stochastic approximation
 * by averaging", SIAM J. Control Optim. 1992; Ruppert 1988): beside θ_t it keeps θ̄_t = θ̄_{t−1} + α_t(θ_t − θ̄_{t−1})
 * with α_t = max(1/t, 1/H) — the plain mean of the iterates for the first H steps, then an exponential average with a
 * horizon of H steps. A ZO iterate wanders in the noise of its one-direction estimates (MeZO's θ moves by η·g·z, whose
 * component off the gradient is pure noise); the average cancels most of that wander, and the checkpoints a run
 * evaluates and keeps are θ̄'s ({@link #exchangeCheckpoint}).
 *
 * <p>θ̄ is updated after every {@link #step}, {@link #replay} and {@link #applyEstimated}, so replaying a log from the
 * base model, or resuming from a snapshot whose state holds θ̄ ({@link #state}: the inner state plus the buffer
 * {@value #BUFFER}), rebuilds it bit for bit. Memory: one float per trainable value. The inner optimizer is owned:
 * nothing else may step it. Steps never fuse the next probe (θ̄ must see θ_t itself).
 */
public final class IterateAverage implements ZoOptimizer {

    /** The name of θ̄ in the optimizer state. */
    public static final String BUFFER = "iterate-average";

    private final ZoOptimizer inner;
    private final ParameterStore store;
    private final long horizon;
    private final float[] mean;
    private boolean exchanged;

    /**
     * @param inner   the optimizer whose iterates are averaged (at step 0: θ̄ starts at its first step)
     * @param store   θ, the store {@code inner} updates
     * @param horizon H ≥ 1, in steps
     */
    public IterateAverage(ZoOptimizer inner, ParameterStore store, long horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("--average must be ≥ 1 steps, got " + horizon);
        }
        if (store.size() > StateArrays.MAX_ELEMENTS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "--average keeps θ̄ in one array as "
                    + "long as θ, and θ has %,d values (at most %,d fit): train fewer weights (--train-layers, --peft)",
                    store.size(), StateArrays.MAX_ELEMENTS));
        }
        this.inner = inner;
        this.store = store;
        this.horizon = horizon;
        this.mean = new float[(int) store.size()];
    }

    /**
     * Exchanges θ and θ̄ in place (no third copy): after one call θ holds the average (to evaluate or keep), after the
     * next the iterate again. Steps are refused in between. At step 0 there is no average yet: the checkpoint is the
     * base model θ itself, and nothing is exchanged.
     */
    @Override
    public void exchangeCheckpoint() {
        if (inner.steps() == 0) {
            return;
        }
        for (Parameter p : store.parameters()) {
            FloatBuffer v = p.values();
            int off = (int) p.offset();
            for (int i = 0, n = p.size(); i < n; i++) {
                float theta = v.get(i);
                v.put(i, mean[off + i]);
                mean[off + i] = theta;
            }
        }
        exchanged = !exchanged;
    }

    /** Whether θ holds the average now ({@link #exchangeCheckpoint} exchanged an odd number of times); for tests. */
    boolean exchanged() {
        return exchanged;
    }

    @Override
    public ZoMethod method() {
        return inner.method();
    }

    @Override
    public ZoSettings settings() {
        return inner.settings();
    }

    @Override
    public long steps() {
        return inner.steps();
    }

    @Override
    public List<Parameter> tensorsAt(long step) {
        return inner.tensorsAt(step);
    }

    @Override
    public StepLog step(Objective objective, int[] batch) {
        requireIterate("step");
        StepLog log = inner.step(objective, batch);
        accumulate();
        return log;
    }

    @Override
    public StepLog step(Objective objective, int[] batch, boolean nextStepFollows) {
        return step(objective, batch);
    }

    @Override
    public void replay(StepLog log) {
        requireIterate("replay");
        inner.replay(log);
        accumulate();
    }

    @Override
    public List<ProjectedGradient> probe(Objective objective, int[] batch, int from, int to) {
        requireIterate("probe");
        return inner.probe(objective, batch, from, to);
    }

    @Override
    public StepLog applyEstimated(List<ProjectedGradient> directions) {
        requireIterate("step");
        StepLog log = inner.applyEstimated(directions);
        accumulate();
        return log;
    }

    /** θ̄ += α_t(θ_t − θ̄), t = the steps taken; t = 1 copies θ_1. */
    private void accumulate() {
        long t = inner.steps();
        float alpha = (float) (1.0 / Math.min(t, horizon));
        for (Parameter p : store.parameters()) {
            FloatBuffer v = p.values();
            int off = (int) p.offset();
            for (int i = 0, n = p.size(); i < n; i++) {
                mean[off + i] = Math.fma(alpha, v.get(i) - mean[off + i], mean[off + i]);
            }
        }
    }

    private void requireIterate(String what) {
        if (exchanged) {
            throw new IllegalStateException("cannot " + what + " while θ holds the iterate average: exchange() back first");
        }
    }

    @Override
    public OptimizerState state() {
        requireIterate("save the state");
        OptimizerState own = inner.state();
        Map<String, float[]> buffers = new LinkedHashMap<>(own.buffers());
        buffers.put(BUFFER, mean);
        return new OptimizerState(own.method(), own.steps(), buffers);
    }

    @Override
    public void restore(OptimizerState state) {
        float[] saved = state.buffers().get(BUFFER);
        if (saved == null || saved.length != mean.length) {
            throw new IllegalArgumentException("optimizer state has no " + BUFFER + " buffer of " + mean.length
                    + " values (the run averages its iterates, --average " + horizon + ")");
        }
        Map<String, float[]> rest = new LinkedHashMap<>(state.buffers());
        rest.remove(BUFFER);
        inner.restore(new OptimizerState(state.method(), state.steps(), rest));
        System.arraycopy(saved, 0, mean, 0, mean.length);
        exchanged = false;
    }

    @Override
    public long memoryBytes() {
        return inner.memoryBytes() + 4L * mean.length;
    }
}
