package dev.zotuner.tuner.optim;

/**
 * The divergence rule every run loop applies: a loss that is NaN or above {@value #FACTOR}× max(1, a
 * reference loss) (the first step's, or the initial one) stops the run. A finite explosion has to be
 * caught too: on a tiny MLM the loss grew without bound while g stayed 0, so NaN never came.
 */
public final class LossExplosion {

    /** How many times the reference loss counts as exploded. */
    public static final double FACTOR = 1000;

    private LossExplosion() {
    }

    /** The largest loss still accepted against {@code reference}. */
    public static double limit(double reference) {
        return FACTOR * Math.max(1, reference);
    }

    /** Whether {@code loss} is NaN or above {@link #limit(double)} of {@code reference}. */
    public static boolean exceeded(double loss, double reference) {
        return !(loss <= limit(reference));
    }
}
