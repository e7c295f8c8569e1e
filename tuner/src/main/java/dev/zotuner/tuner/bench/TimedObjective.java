package dev.zotuner.tuner.bench;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Objective;
import java.util.function.LongSupplier;

/**
 * An {@link Objective} that counts and times the loss evaluations it forwards to another one, so
 * {@code zo trace} can split its time into forward passes and everything else (perturbation passes, θ
 * restores). Borrows {@code inner}; not thread-safe.
 */
public final class TimedObjective implements Objective {

    private final Objective inner;
    private final LongSupplier nanoClock;
    private long evaluations;
    private long nanos;

    /** @param nanoClock monotonic nanoseconds, e.g. {@code System::nanoTime} */
    public TimedObjective(Objective inner, LongSupplier nanoClock) {
        this.inner = inner;
        this.nanoClock = nanoClock;
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
        long start = nanoClock.getAsLong();
        try {
            return inner.loss(examples);
        } finally {
            nanos += nanoClock.getAsLong() - start;
            evaluations++;
        }
    }

    @Override
    public dev.zotuner.models.Hold holdFixedExcept(java.util.List<dev.zotuner.models.Parameter> changing) {
        return inner.holdFixedExcept(changing);
    }

    /** Loss evaluations so far. */
    public long evaluations() {
        return evaluations;
    }

    /** Seconds spent inside them. */
    public double seconds() {
        return nanos / 1e9;
    }
}
