package dev.zotuner.tuner.stability;

/** Whether a learning rate is mean-square stable on the quadratic model. */
public enum Verdict {
    /** Below η* (exact) or below the sufficient lower bound. */
    STABLE,
    /** At or above η* (exact) or at or above the necessary upper bound. */
    UNSTABLE,
    /** Between the bounds: the curvature summary cannot decide. */
    UNDETERMINED;

    /** Lower-case name for the CLI and JSON. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
