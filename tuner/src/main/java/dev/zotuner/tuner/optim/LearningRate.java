package dev.zotuner.tuner.optim;

/**
 * A learning-rate schedule η_t.
 *
 * @param initial    η₀ ≥ 0
 * @param decay      constant, or linear decay to 0 at {@code totalSteps}
 * @param totalSteps length of the linear decay (≥ 1; ignored when constant)
 */
public record LearningRate(double initial, Decay decay, long totalSteps) {

    /** Shape of the schedule. */
    public enum Decay {
        CONSTANT,
        LINEAR
    }

    public LearningRate {
        if (!(initial >= 0) || Double.isInfinite(initial)) {
            throw new IllegalArgumentException("learning rate " + initial + " must be finite and >= 0");
        }
        if (decay == Decay.LINEAR && totalSteps < 1) {
            throw new IllegalArgumentException("linear learning-rate decay needs total steps >= 1, got " + totalSteps);
        }
    }

    /** A constant rate. */
    public static LearningRate constant(double lr) {
        return new LearningRate(lr, Decay.CONSTANT, 0);
    }

    /** η_t = η₀·(T − t)/T, clamped at 0 (no warm-up). */
    public static LearningRate linear(double lr, long totalSteps) {
        return new LearningRate(lr, Decay.LINEAR, totalSteps);
    }

    /** η at step {@code step} (0-based). */
    public double at(long step) {
        if (decay == Decay.CONSTANT) {
            return initial;
        }
        return initial * Math.max(0, totalSteps - step) / totalSteps;
    }
}
