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
     * Applies a logged step to the current θ without evaluating any loss; from the θ the step started
     * at, this reproduces the step's result bit for bit.
     */
    void replay(StepLog log);

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
