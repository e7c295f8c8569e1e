package dev.zotuner.tuner.objective;

import dev.zotuner.models.Hold;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import java.util.List;

/**
 * An {@link Objective} that forwards everything (θ, size, loss, holds) to another one; decorators (timing, test
 * hooks) override what they change. Borrows {@code inner}, which must outlive it.
 */
public abstract class ForwardingObjective implements Objective {

    private final Objective inner;

    protected ForwardingObjective(Objective inner) {
        this.inner = java.util.Objects.requireNonNull(inner, "inner objective");
    }

    @Override
    public ParameterStore parameters() {
        return inner.parameters();
    }

    @Override
    public int size() {
        return inner.size();
    }

    @Override
    public double loss(int[] examples) {
        return inner.loss(examples);
    }

    @Override
    public Hold holdFixedExcept(List<Parameter> changing) {
        return inner.holdFixedExcept(changing);
    }
}
