package dev.zotuner.tuner.bench;

import dev.zotuner.tuner.objective.ForwardingObjective;
import dev.zotuner.tuner.objective.Objective;
import java.util.function.LongSupplier;

/**
 * An {@link Objective} that counts and times the loss evaluations it forwards to another one, so
 * {@code zo trace} can split its time into forward passes and everything else (perturbation passes, θ
 * restores). Borrows {@code inner}; not thread-safe.
 */
public final class TimedObjective extends ForwardingObjective {

    private final LongSupplier nanoClock;
    private long evaluations;
    private long nanos;

    /** @param nanoClock monotonic nanoseconds, e.g. {@code System::nanoTime} */
    public TimedObjective(Objective inner, LongSupplier nanoClock) {
        super(inner);
        this.nanoClock = nanoClock;
    }

    @Override
    public double loss(int[] examples) {
        long start = nanoClock.getAsLong();
        try {
            return super.loss(examples);
        } finally {
            nanos += nanoClock.getAsLong() - start;
            evaluations++;
        }
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
