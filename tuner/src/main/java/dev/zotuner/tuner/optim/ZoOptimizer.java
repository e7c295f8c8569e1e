package dev.zotuner.tuner.optim;

import dev.zotuner.models.Parameter;
import dev.zotuner.tuner.objective.Objective;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A zeroth-order optimizer: it sees only loss values of an {@link Objective} — so any objective
 * works, differentiable or not (an error rate, say) — and updates the objective's θ in place.
 *
 * <p>After {@link #step} returns, θ holds the updated weights (no perturbation is left applied). The
 * optimizer does not own the store or the {@code PerturbationEngine} it was given.
 */
public interface ZoOptimizer {

    ZoMethod method();

    ZoSettings settings();

    /** Steps taken so far, i.e. the number of the next step. */
    long steps();

    /** The tensors step {@code step} perturbs and updates (one block for MeZO-BCD, else all of θ). */
    List<Parameter> tensorsAt(long step);

    /**
     * One step on the mini-batch {@code batch} (indices into the objective's examples).
     *
     * @return the log that {@link #replay} turns into the same update
     */
    StepLog step(Objective objective, int[] batch);

    /**
     * As {@link #step}; when {@code nextStepFollows} (the caller's next use of θ is the next step, on the same
     * objective) a method may fuse the next step's first probe θ+εz_{t+1} into this step's last pass (look-ahead:
     * two passes over θ per step instead of three). θ then holds θ_{t+1}+εz_{t+1} until that step, bit for bit what
     * the unfused passes would give, so logs, replay and resume are unchanged. The default never fuses.
     */
    default StepLog step(Objective objective, int[] batch, boolean nextStepFollows) {
        return step(objective, batch);
    }

    /** Whether θ holds the next step's fused first probe (after {@code step(…, true)}), so is not θ_t. */
    default boolean lookAheadPending() {
        return false;
    }

    /**
     * Exchanges θ and the checkpoint of the steps taken when a method's checkpoint is not its iterate
     * ({@link IterateAverage}: the running average); a second call exchanges back. Evaluations score, and a finished run
     * keeps, what θ holds between the two. Every other method's checkpoint is its iterate: nothing to do.
     */
    default void exchangeCheckpoint() {
    }

    /**
     * Applies a logged step to the current θ without evaluating any loss; from the θ the step started
     * at, this reproduces the step's result bit for bit.
     */
    void replay(StepLog log);

    /**
     * The projected gradients of directions {@code from} … {@code to − 1} of the next step (number {@link #steps()}) on
     * {@code batch}, exactly as {@link #step} would compute them, leaving θ and the step counter as they were, bit for
     * bit. With several workers each probing its share of the n directions (FedKSeed, Qin et al. 2024: a step is its
     * (seed, g) pairs), {@link #applyEstimated} then applies the step on every replica. Methods whose update needs more
     * than the directions' losses (ZO-SGD-Cons) or a per-step block (MeZO-BCD) do not support it.
     *
     * @throws UnsupportedOperationException for such methods
     */
    default List<ProjectedGradient> probe(Objective objective, int[] batch, int from, int to) {
        throw new UnsupportedOperationException(method().id() + " cannot split a step's directions between workers");
    }

    /**
     * Applies the next step from its directions' (seed, g) pairs estimated elsewhere ({@link #probe}), as
     * {@link #replay} would — bit for bit what {@link #step} gives when it estimates the same values itself.
     *
     * @param directions all n directions of the step, in order (seeds must be the step's own)
     * @return the step's log
     * @throws NonFiniteLoss for a non-finite g (θ unchanged, as {@link #step})
     */
    default StepLog applyEstimated(List<ProjectedGradient> directions) {
        throw new UnsupportedOperationException(method().id() + " cannot split a step's directions between workers");
    }

    /** The state to resume from (buffers are shared, not copied). */
    OptimizerState state();

    /** Continues from a saved state (same method, same store size). */
    void restore(OptimizerState state);

    /** Bytes held beyond θ: state buffers plus the restoration snapshot, if any. */
    long memoryBytes();

    default void saveState(Path file) throws IOException {
        state().save(file);
    }

    default void loadState(Path file) throws IOException {
        restore(OptimizerState.load(file));
    }
}
